using System.Globalization;
using System.Text.Json;
using Platform.Domain.Events;

namespace Platform.Cli.Demo;

/// <summary>Events as an EVENTS import file (docs/imports.md#kinds-and-their-columns): a row per event, its properties as a JSON object.</summary>
public static class EventsCsv
{
    public const string Header = "eventId,userId,type,occurredAt,itemId,categoryId,quantity,amount,currency,campaignId,rating,query,durationSeconds,properties";

    public static string Row(EventDraft e) => string.Join(',', new[]
    {
        e.EventId, e.UserId, e.Type, e.OccurredAt, e.ItemId, e.CategoryId, e.Quantity?.ToString(CultureInfo.InvariantCulture),
        e.Amount?.ToString(CultureInfo.InvariantCulture), e.Currency, e.CampaignId, e.Rating?.ToString(CultureInfo.InvariantCulture), e.Query,
        e.DurationSeconds?.ToString("R", CultureInfo.InvariantCulture), e.Properties is null ? null : JsonSerializer.Serialize(e.Properties),
    }.Select(Cell));

    private static string Cell(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
