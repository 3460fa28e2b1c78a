namespace Platform.Domain.Campaigns;

/// <summary>
/// A campaign's design and where it is in its life, changed only through <see cref="CampaignLifecycle"/>.
/// <see cref="Version"/> counts stored changes (optimistic concurrency).
/// </summary>
public sealed record Campaign(
    string Id,
    CampaignDesign Design,
    CampaignStatus Status,
    CampaignSource Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LaunchedAt = null,
    DateTimeOffset? EndedAt = null,
    PauseReason? PauseReason = null,
    long Version = 0);
