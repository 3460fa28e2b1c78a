using Platform.Domain.Events;

namespace Platform.Gateway.Api.Arguments;

public static class EventDrafts
{
    public static EventDraft From(EventInput input) => new(
        input.EventId,
        input.UserId,
        input.Type,
        input.OccurredAt,
        input.ItemId,
        input.CategoryId,
        input.Quantity,
        input.Amount,
        input.Currency,
        input.CampaignId,
        input.Rating,
        input.Query,
        input.DurationSeconds,
        input.Properties?.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal));
}
