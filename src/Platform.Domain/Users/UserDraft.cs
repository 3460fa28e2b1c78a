namespace Platform.Domain.Users;

/// <summary>User attributes as sent by upsertUsers or an import; null means "leave as it is".</summary>
public sealed record UserDraft(
    string? UserId,
    int? Age = null,
    string? Gender = null,
    string? Region = null,
    string? Occupation = null,
    string? SignupDate = null,
    IReadOnlyList<AttributeValue>? Attributes = null,
    IReadOnlyList<string>? Tags = null);
