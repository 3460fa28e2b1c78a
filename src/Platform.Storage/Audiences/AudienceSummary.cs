namespace Platform.Storage.Audiences;

/// <summary>Counts and distributions of an audience, computed in PostgreSQL from the profile projection and the users' model scores.</summary>
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
    IReadOnlyList<Bucket> Tags,
    long Scored,
    double ExpectedSpend,
    IReadOnlyList<Bucket> Propensity,
    IReadOnlyList<Bucket> ChurnRisk,
    IReadOnlyList<Bucket> Personas);
