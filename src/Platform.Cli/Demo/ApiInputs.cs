using Platform.Domain.Catalog;
using Platform.Domain.Events;
using Platform.Domain.Users;

namespace Platform.Cli.Demo;

/// <summary>Drafts as the GraphQL inputs of ingestEvents, upsertUsers and upsertItems.</summary>
public static class ApiInputs
{
    public const string IngestEvents = """
        mutation($events: [EventInput!]!) {
          ingestEvents(events: $events) { accepted duplicates rejected results { index status errors { field rule message } } }
        }
        """;

    public const string UpsertUsers = "mutation($users: [UserInput!]!) { upsertUsers(users: $users) { accepted rejected results { index errors { field rule message } } } }";

    public const string UpsertItems = "mutation($items: [ItemInput!]!) { upsertItems(items: $items) { accepted rejected results { index errors { field rule message } } } }";

    public static object Event(EventDraft e) => new
    {
        eventId = e.EventId,
        userId = e.UserId,
        type = e.Type,
        occurredAt = e.OccurredAt,
        itemId = e.ItemId,
        categoryId = e.CategoryId,
        quantity = e.Quantity,
        amount = e.Amount,
        currency = e.Currency,
        campaignId = e.CampaignId,
        rating = e.Rating,
        query = e.Query,
        durationSeconds = e.DurationSeconds,
        properties = e.Properties?.Select(p => new { key = p.Key, value = p.Value }).ToArray(),
    };

    public static object User(UserDraft u) => new
    {
        id = u.UserId,
        age = u.Age,
        gender = u.Gender,
        region = u.Region,
        occupation = u.Occupation,
        signupDate = u.SignupDate,
        tags = u.Tags,
    };

    public static object Item(ItemDraft i) => new
    {
        id = i.ItemId,
        title = i.Title,
        categoryPath = i.CategoryPath,
        brand = i.Brand,
        price = i.Price,
        currency = i.Currency,
        tags = i.Tags,
    };
}
