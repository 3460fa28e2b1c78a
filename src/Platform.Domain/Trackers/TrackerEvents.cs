using System.Text.Json;
using Platform.Domain.Errors;
using Platform.Domain.Events;

namespace Platform.Domain.Trackers;

/// <summary>
/// The e-commerce spec's track events and the platform events they become (docs/trackers.md#mapping). Event names
/// match without regard to case; the e-commerce v1 names (Viewed Product, Completed Order, …) are accepted too.
/// properties.duration_seconds (not in the spec) is any event's durationSeconds, the engagement time profiles add up.
/// </summary>
internal static class TrackerEvents
{
    public const int MaxProducts = 100;

    public sealed record Context(string MessageId, string UserId, string OccurredAt);

    private enum Shape { Search, CategoryView, Product, Order, Review, Promotion, Coupon }

    private static readonly Dictionary<string, (EventType Type, Shape Shape)> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Products Searched"] = (EventType.Search, Shape.Search),
        ["Searched Products"] = (EventType.Search, Shape.Search),
        ["Product List Viewed"] = (EventType.View, Shape.CategoryView),
        ["Viewed Product Category"] = (EventType.View, Shape.CategoryView),
        ["Product Viewed"] = (EventType.View, Shape.Product),
        ["Viewed Product"] = (EventType.View, Shape.Product),
        ["Product Clicked"] = (EventType.Click, Shape.Product),
        ["Clicked Product"] = (EventType.Click, Shape.Product),
        ["Product Added"] = (EventType.AddToCart, Shape.Product),
        ["Added Product"] = (EventType.AddToCart, Shape.Product),
        ["Product Removed"] = (EventType.RemoveFromCart, Shape.Product),
        ["Removed Product"] = (EventType.RemoveFromCart, Shape.Product),
        ["Order Completed"] = (EventType.Purchase, Shape.Order),
        ["Completed Order"] = (EventType.Purchase, Shape.Order),
        ["Product Reviewed"] = (EventType.Review, Shape.Review),
        ["Promotion Viewed"] = (EventType.CampaignExposure, Shape.Promotion),
        ["Viewed Promotion"] = (EventType.CampaignExposure, Shape.Promotion),
        ["Promotion Clicked"] = (EventType.CampaignClick, Shape.Promotion),
        ["Clicked Promotion"] = (EventType.CampaignClick, Shape.Promotion),
        ["Coupon Entered"] = (EventType.CouponClaim, Shape.Coupon),
        ["Coupon Applied"] = (EventType.CouponRedeem, Shape.Coupon),
    };

    /// <summary>The spec properties kept on the stored event (as text, at most 256 characters each), by shape.</summary>
    private static readonly Dictionary<Shape, string[]> KeptProperties = new()
    {
        [Shape.Search] = [],
        [Shape.CategoryView] = ["list_id"],
        [Shape.Product] = ["sku", "name", "brand", "variant", "price", "coupon", "position", "list_id", "cart_id"],
        [Shape.Order] = ["order_id", "checkout_id", "coupon", "affiliation", "shipping", "tax", "discount"],
        [Shape.Review] = ["review_id", "review_body"],
        [Shape.Promotion] = ["name", "creative", "position"],
        [Shape.Coupon] = ["coupon_name", "order_id", "cart_id", "discount"],
    };

    /// <summary>The platform events of a track call, or null when its name has no mapping.</summary>
    public static IReadOnlyList<TrackedEvent>? Map(string eventName, JsonElement properties, TrackerFields fields, List<Violation> problems, Context context)
    {
        if (!Names.TryGetValue(eventName, out var mapping))
        {
            return null;
        }

        var (type, shape) = mapping;
        var kept = Kept(properties, KeptProperties[shape]);
        var sources = new Dictionary<string, string>(Common);
        sources["durationSeconds"] = "properties.duration_seconds";
        var draft = new EventDraft(context.MessageId, context.UserId, EventTypeNames.ToWire(type), context.OccurredAt, Properties: kept,
            DurationSeconds: (double?)fields.Decimal(properties, "duration_seconds", "properties.duration_seconds"));
        switch (shape)
        {
            case Shape.Search:
                sources["query"] = "properties.query";
                return [new(draft with { Query = Query(properties) }, sources)];
            case Shape.CategoryView:
                sources["categoryId"] = "properties.category";
                return [new(draft with { CategoryId = fields.Text(properties, "category", "properties.category") }, sources)];
            case Shape.Product:
                return [new(Product(draft, properties, "properties", fields, sources, withQuantity: type is EventType.AddToCart or EventType.RemoveFromCart), sources)];
            case Shape.Review:
                sources["rating"] = "properties.rating";
                return [new(Product(draft, properties, "properties", fields, sources, withQuantity: false) with
                {
                    Rating = fields.Decimal(properties, "rating", "properties.rating"),
                }, sources)];
            case Shape.Promotion:
                sources["campaignId"] = "properties.promotion_id";
                return [new(draft with { CampaignId = fields.Text(properties, "promotion_id", "properties.promotion_id") }, sources)];
            case Shape.Coupon:
                return [new(Coupon(draft, properties, fields, sources), sources)];
            default:
                return TrackerOrders.Map(draft, properties, fields, problems, sources);
        }
    }

    internal static readonly IReadOnlyDictionary<string, string> Common = new Dictionary<string, string>
    {
        ["eventId"] = "messageId",
        ["userId"] = "userId",
        ["occurredAt"] = "timestamp",
    };

    /// <summary>The product a single-product event is about: product_id (else sku) and category.</summary>
    internal static EventDraft Product(EventDraft draft, JsonElement product, string path, TrackerFields fields, Dictionary<string, string> sources, bool withQuantity)
    {
        var itemId = fields.Text(product, "product_id", $"{path}.product_id");
        sources["itemId"] = $"{path}.product_id";
        if (string.IsNullOrEmpty(itemId))
        {
            itemId = fields.Text(product, "sku", $"{path}.sku");
            sources["itemId"] = $"{path}.sku";
        }

        sources["categoryId"] = $"{path}.category";
        sources["quantity"] = $"{path}.quantity";
        return draft with
        {
            ItemId = string.IsNullOrEmpty(itemId) ? null : itemId,
            CategoryId = fields.Text(product, "category", $"{path}.category"),
            Quantity = withQuantity ? fields.Integer(product, "quantity", $"{path}.quantity") : null,
        };
    }

    /// <summary>Coupon Entered / Applied: coupon_id names the campaign; the discount is the amount when the message has a currency.</summary>
    private static EventDraft Coupon(EventDraft draft, JsonElement properties, TrackerFields fields, Dictionary<string, string> sources)
    {
        sources["campaignId"] = "properties.coupon_id";
        sources["amount"] = "properties.discount";
        sources["currency"] = "properties.currency";
        var currency = Currency(properties, fields);
        return draft with
        {
            CampaignId = fields.Text(properties, "coupon_id", "properties.coupon_id"),
            Amount = currency is null ? null : fields.Decimal(properties, "discount", "properties.discount"),
            Currency = currency,
        };
    }

    /// <summary>Trackers send "usd" as often as "USD": the code is upper-cased, then checked like any event's.</summary>
    internal static string? Currency(JsonElement properties, TrackerFields fields) =>
        fields.Text(properties, "currency", "properties.currency")?.ToUpperInvariant();

    private static string? Query(JsonElement properties) =>
        properties.TryGetProperty("query", out var query) switch
        {
            false => null,
            true when query.ValueKind == JsonValueKind.String => query.GetString(),
            true when query.ValueKind is JsonValueKind.Null => null,
            _ => query.GetRawText(),
        };

    internal static Dictionary<string, string>? Kept(JsonElement properties, IEnumerable<string> names)
    {
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (properties.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            {
                var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                if (text.Length > 0)
                {
                    kept[name] = FreeText.Cut(text, EventRules.MaxPropertyValueLength);
                }
            }
        }

        return kept.Count > 0 ? kept : null;
    }
}
