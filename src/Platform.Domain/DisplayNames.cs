namespace Platform.Domain;

/// <summary>Human-readable labels (tenant names, key names): required, not blank, bounded.</summary>
public static class DisplayNames
{
    public const int MaxLength = 200;

    public static string? Explain(string? name) => name switch
    {
        null => "is required",
        _ when string.IsNullOrWhiteSpace(name) => "must not be blank",
        { Length: > MaxLength } => $"must be at most {MaxLength} characters",
        _ => null,
    };
}
