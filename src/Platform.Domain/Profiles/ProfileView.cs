namespace Platform.Domain.Profiles;

/// <summary>A user's profile as of a moment: what GraphQL returns and what segments are evaluated on.</summary>
public sealed record ProfileView(
    DateTimeOffset? FirstSeenAt,
    DateTimeOffset? LastSeenAt,
    IReadOnlyList<WindowedCount> Counters,
    Rfm Rfm,
    long Purchases,
    decimal Revenue,
    double? DiscountSensitivity,
    double? AverageRating,
    double EngagementSeconds,
    IReadOnlyList<Affinity> CategoryAffinities,
    IReadOnlyList<Affinity> BrandAffinities,
    IReadOnlyList<string> InterestTags,
    IReadOnlyList<TrajectoryStep> Trajectory,
    IReadOnlyList<CampaignTouch> Campaigns,
    long AppliedSeq);
