using Platform.Domain.Errors;

namespace Platform.Domain;

/// <summary>Human-readable labels (tenant names, key names): required, not blank, bounded, free text (no NUL).</summary>
public static class DisplayNames
{
    public const int MaxLength = 200;

    public static Violation? Check(string field, string? name) => name switch
    {
        null => new(field, "required", $"{field} is required."),
        _ when string.IsNullOrWhiteSpace(name) => new(field, "required", $"{field} must not be blank."),
        { Length: > MaxLength } => new(field, "too_long", $"{field} must be at most {MaxLength} characters."),
        _ when FreeText.HasNul(name) => new(field, "format", $"{field} {FreeText.NulMessage}."),
        _ => null,
    };
}
