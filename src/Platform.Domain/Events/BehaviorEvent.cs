namespace Platform.Domain.Events;

/// <summary>A validated user event, as stored in the log and folded into profiles.</summary>
public sealed record BehaviorEvent(
    string EventId,
    string UserId,
    EventType Type,
    DateTimeOffset OccurredAt,
    string? ItemId,
    string? CategoryId,
    int? Quantity,
    decimal? Amount,
    string? Currency,
    string? CampaignId,
    decimal? Rating,
    string? Query,
    double? DurationSeconds,
    IReadOnlyDictionary<string, string>? Properties);
