namespace Platform.Domain.Users;

/// <summary>Validated user attributes. Null fields leave the stored value unchanged; tags, when given, replace the stored ones.</summary>
public sealed record UserRecord(
    string UserId,
    int? Age,
    string? Gender,
    string? Region,
    string? Occupation,
    DateOnly? SignupDate,
    IReadOnlyDictionary<string, AttributeValue> Attributes,
    IReadOnlyList<string>? Tags);
