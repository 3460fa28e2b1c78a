using System.Text.RegularExpressions;

using Platform.Domain.Errors;

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

    /// <summary>The rule a candidate id breaks, or null when it is valid.</summary>
    public static Violation? Check(string field, string? id) => id switch
    {
        null or "" => new(field, "required", $"{field} is required."),
        { Length: < MinLength } => new(field, "too_short", $"{field} must be at least {MinLength} characters."),
        { Length: > MaxLength } => new(field, "too_long", $"{field} must be at most {MaxLength} characters."),
        _ when !SlugPattern().IsMatch(id) =>
            new(field, "format", $"{field} must start with a letter and contain only lowercase letters, digits and '-'."),
        _ => null,
    };

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
