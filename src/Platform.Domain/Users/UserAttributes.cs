namespace Platform.Domain.Users;

/// <summary>A user's stored attributes and tags.</summary>
public sealed record UserAttributes(
    string UserId,
    int? Age,
    string? Gender,
    string? Region,
    string? Occupation,
    DateOnly? SignupDate,
    IReadOnlyList<AttributeValue> Attributes,
    IReadOnlyList<string> Tags);
