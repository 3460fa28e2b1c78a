namespace Platform.Storage.Audiences;

/// <summary>One user of an audience listing: attributes and the projection's headline values.</summary>
public sealed record UserSummary(
    string UserId,
    int? Age,
    string? Gender,
    string? Region,
    IReadOnlyList<string> Tags,
    string Segment,
    long Purchases,
    decimal Revenue,
    IReadOnlyList<string> InterestTags,
    IReadOnlyList<string> TopCategories,
    DateTimeOffset? LastSeenAt);
