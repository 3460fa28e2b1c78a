using System.Collections.Frozen;

namespace Platform.Domain.Events;

/// <summary>The wire names of event types (VIEW, ADD_TO_CART, …).</summary>
public static class EventTypeNames
{
    private static readonly FrozenDictionary<EventType, string> Names = new Dictionary<EventType, string>
    {
        [EventType.View] = "VIEW",
        [EventType.Search] = "SEARCH",
        [EventType.Click] = "CLICK",
        [EventType.AddToCart] = "ADD_TO_CART",
        [EventType.RemoveFromCart] = "REMOVE_FROM_CART",
        [EventType.Purchase] = "PURCHASE",
        [EventType.Review] = "REVIEW",
        [EventType.CampaignExposure] = "CAMPAIGN_EXPOSURE",
        [EventType.CampaignClick] = "CAMPAIGN_CLICK",
        [EventType.CouponClaim] = "COUPON_CLAIM",
        [EventType.CouponRedeem] = "COUPON_REDEEM",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, EventType> Types =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => Types.Keys;

    public static string ToWire(EventType type) => Names[type];

    public static bool TryParse(string? name, out EventType type) => Types.TryGetValue(name ?? "", out type);
}
