using System.Text.RegularExpressions;

namespace Platform.Domain.Tenants;

/// <summary>
/// Tenant ids are short lowercase slugs. They never contain '/', so they can prefix every grain key
/// and storage key unambiguously.
/// </summary>
public static partial class TenantIds
{
    public const int MinLength = 2;
    public const int MaxLength = 40;

    public static bool IsValid(string? id) => id is not null && SlugPattern().IsMatch(id);

    /// <summary>Returns the rule a candidate id breaks, or null when it is valid.</summary>
    public static string? Explain(string? id) => id switch
    {
        null or "" => "is required",
        { Length: < MinLength } => $"must be at least {MinLength} characters",
        { Length: > MaxLength } => $"must be at most {MaxLength} characters",
        _ when !SlugPattern().IsMatch(id) =>
            "must start with a letter and contain only lowercase letters, digits and '-'",
        _ => null,
    };

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
