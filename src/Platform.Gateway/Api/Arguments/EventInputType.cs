using GraphQL.Types;

namespace Platform.Gateway.Api.Arguments;

public sealed class EventInputType : InputObjectGraphType<EventInput>
{
    public EventInputType()
    {
        Name = "EventInput";
        Description = "A user event. Fields are checked per event (docs/events.md): a broken rule rejects this event only.";
        Field(e => e.EventId, nullable: true).Description("Client-chosen id, unique per tenant: the idempotency key (required, up to 128 characters).");
        Field(e => e.UserId, nullable: true).Description("The user (required, up to 128 characters).");
        Field(e => e.Type, nullable: true).Description("VIEW, SEARCH, CLICK, ADD_TO_CART, REMOVE_FROM_CART, PURCHASE, REVIEW, CAMPAIGN_EXPOSURE, CAMPAIGN_CLICK, COUPON_CLAIM or COUPON_REDEEM (required).");
        Field(e => e.OccurredAt, nullable: true).Description("ISO-8601 timestamp with offset (required); at most 5 minutes ahead, not older than the tenant's horizon.");
        Field(e => e.ItemId, nullable: true).Description("The item (required for CLICK, carts and REVIEW; VIEW needs itemId or categoryId).");
        Field(e => e.CategoryId, nullable: true).Description("The category; taken from the catalog when omitted and the item is known.");
        Field(e => e.Quantity, nullable: true).Description("Units, 1 to 10000.");
        Field(e => e.Amount, nullable: true).Description("Money amount, 0 to 1e9 (a PURCHASE's order value; without one its value is unknown); needs currency.");
        Field(e => e.Currency, nullable: true).Description("ISO 4217 code such as EUR (required with amount).");
        Field(e => e.CampaignId, nullable: true).Description("The campaign (required for CAMPAIGN_* and COUPON_* events); on a PURCHASE it marks the purchase as discounted.");
        Field(e => e.Rating, nullable: true).Description("0.5 to 5, at most one decimal (half stars; required for REVIEW).");
        Field(e => e.Query, nullable: true).Description("Search text, up to 512 characters (required for SEARCH).");
        Field(e => e.DurationSeconds, nullable: true).Description("Engagement time in seconds, 0 to 86400 (e.g. time on a campaign page).");
        Field<ListGraphType<NonNullGraphType<PropertyInputType>>>("properties").Description("Up to 20 extra string properties ('coupon' marks a PURCHASE as discounted).");
    }
}
