namespace Platform.Domain.Events;

/// <summary>
/// An event as a client sent it, before validation: types are loose (a type or a timestamp may be
/// malformed) so that each problem can be reported for this event alone.
/// </summary>
public sealed record EventDraft(
    string? EventId,
    string? UserId,
    string? Type,
    string? OccurredAt,
    string? ItemId = null,
    string? CategoryId = null,
    int? Quantity = null,
    decimal? Amount = null,
    string? Currency = null,
    string? CampaignId = null,
    decimal? Rating = null,
    string? Query = null,
    double? DurationSeconds = null,
    IReadOnlyDictionary<string, string>? Properties = null);
