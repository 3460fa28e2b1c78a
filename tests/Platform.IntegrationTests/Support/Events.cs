namespace Platform.IntegrationTests.Support;

/// <summary>Event payloads as a client would send them to ingestEvents.</summary>
public static class Events
{
    public const string Ingest = """
        mutation($events: [EventInput!]!) {
          ingestEvents(events: $events) {
            accepted duplicates rejected
            results { index eventId status sequence errors { field rule message } }
          }
        }
        """;

    public const string Profile = """
        query($id: ID!) {
          user(id: $id) {
            id purchases revenue discountSensitivity interestTags appliedSequence
            counters { type total last7Days last30Days }
            rfm { recencyDays frequency90 monetary90 segment }
            categoryAffinities { key score share }
            trajectory { sequence type occurredAt itemId }
            campaigns { campaignId exposures clicks claims redemptions }
          }
        }
        """;

    public static object View(string id, string user, string item, DateTimeOffset at, string? category = null) =>
        new { eventId = id, userId = user, type = "VIEW", occurredAt = at.ToString("O"), itemId = item, categoryId = category };

    public static object Purchase(string id, string user, decimal amount, DateTimeOffset at, string? campaignId = null) =>
        new { eventId = id, userId = user, type = "PURCHASE", occurredAt = at.ToString("O"), amount, currency = "EUR", campaignId, itemId = "sku-1" };
}
