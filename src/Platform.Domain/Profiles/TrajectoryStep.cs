using Platform.Domain.Events;

namespace Platform.Domain.Profiles;

/// <summary>One of a user's latest events, kept compact for the trajectory.</summary>
public sealed record TrajectoryStep(
    long Seq,
    EventType Type,
    DateTimeOffset OccurredAt,
    string? ItemId,
    string? CategoryId,
    string? CampaignId,
    decimal? Amount);
