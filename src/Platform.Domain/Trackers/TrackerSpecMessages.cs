using Platform.Domain.Events;

namespace Platform.Domain.Trackers;

/// <summary>
/// The Segment-spec track message a platform event comes from — the mapping read backwards, so the demo stream and the
/// bench can send the simulated shop through the tracker source. Mapping the message gives the event back, except that
/// a PURCHASE is an order line (its id gets "#1", its quantity 1 when it had none) and its campaignId becomes the
/// order's coupon, which marks the purchase as discounted the same way.
/// </summary>
public static class TrackerSpecMessages
{
    public static Dictionary<string, object?> FromEvent(EventDraft e)
    {
        var type = EventTypeNames.TryParse(e.Type ?? "", out var parsed) ? parsed : throw new ArgumentException($"unknown event type '{e.Type}'", nameof(e));
        var product = Present(("product_id", e.ItemId), ("category", e.CategoryId));
        var (name, properties) = type switch
        {
            EventType.View when e.ItemId is null => ("Product List Viewed", Present(("category", e.CategoryId))),
            EventType.View => ("Product Viewed", product),
            EventType.Search => ("Products Searched", Present(("query", e.Query))),
            EventType.Click => ("Product Clicked", product),
            EventType.AddToCart => ("Product Added", With(product, ("quantity", e.Quantity))),
            EventType.RemoveFromCart => ("Product Removed", With(product, ("quantity", e.Quantity))),
            EventType.Purchase => ("Order Completed", Order(e)),
            EventType.Review => ("Product Reviewed", With(product, ("rating", e.Rating))),
            EventType.CampaignExposure => ("Promotion Viewed", Present(("promotion_id", e.CampaignId))),
            EventType.CampaignClick => ("Promotion Clicked", Present(("promotion_id", e.CampaignId))),
            EventType.CouponClaim => ("Coupon Entered", Present(("coupon_id", e.CampaignId))),
            EventType.CouponRedeem => ("Coupon Applied", Present(("coupon_id", e.CampaignId), ("discount", e.Amount), ("currency", e.Currency))),
            _ => throw new ArgumentOutOfRangeException(nameof(e), type, "no spec event"),
        };

        return new Dictionary<string, object?>
        {
            ["type"] = "track",
            ["messageId"] = e.EventId,
            ["userId"] = e.UserId,
            ["timestamp"] = e.OccurredAt,
            ["event"] = name,
            ["properties"] = With(properties, ("duration_seconds", e.DurationSeconds)),
        };
    }

    private static Dictionary<string, object?> Order(EventDraft e)
    {
        var order = Present(("revenue", e.Amount), ("currency", e.Currency), ("coupon", e.CampaignId));
        if (e.ItemId is not null)
        {
            var quantity = e.Quantity ?? 1;
            order["products"] = new[] { Present(("product_id", e.ItemId), ("category", e.CategoryId), ("quantity", quantity), ("price", e.Amount / quantity)) };
        }

        return order;
    }

    private static Dictionary<string, object?> With(Dictionary<string, object?> properties, params (string Name, object? Value)[] more)
    {
        foreach (var (name, value) in more.Where(m => m.Value is not null))
        {
            properties[name] = value;
        }

        return properties;
    }

    private static Dictionary<string, object?> Present(params (string Name, object? Value)[] values) => With([], values);
}
