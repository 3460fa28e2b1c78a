namespace Platform.Storage.Audiences;

/// <summary>Counts and distributions of an audience, computed in PostgreSQL from the profile projection.</summary>
public sealed record AudienceSummary(
    long Users,
    long WithEvents,
    long Buyers,
    decimal Revenue,
    IReadOnlyList<Bucket> AgeBuckets,
    IReadOnlyList<Bucket> Genders,
    IReadOnlyList<Bucket> Regions,
    IReadOnlyList<Bucket> RfmSegments,
    IReadOnlyList<Bucket> TopCategories,
    IReadOnlyList<Bucket> InterestTags,
    IReadOnlyList<Bucket> Tags);
