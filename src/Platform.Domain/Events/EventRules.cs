namespace Platform.Domain.Events;

/// <summary>The limits events are validated against (docs/events.md lists them with the rules).</summary>
public static class EventRules
{
    public const int MaxBatch = 5_000;
    public const int MaxQueryLength = 512;
    public const int MaxQuantity = 10_000;
    public const decimal MaxAmount = 1_000_000_000m;
    public const int MaxAmountDecimals = 4; // the log stores numeric(18, 4)
    public const double MaxDurationSeconds = 86_400;
    public const decimal MinRating = 0.5m; // half stars (a 1-to-10 scale halved lands on 0.5 to 5)
    public const decimal MaxRating = 5m;
    public const int MaxRatingDecimals = 1; // the log stores numeric(2, 1)
    public const int MaxProperties = 20;
    public const int MaxPropertyKeyLength = 64;
    public const int MaxPropertyValueLength = 256;
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The fields each type needs; an entry with several names needs at least one of them.</summary>
    public static IReadOnlyList<string[]> RequiredFor(EventType type) => type switch
    {
        EventType.View => [["itemId", "categoryId"]],
        EventType.Search => [["query"]],
        EventType.Click or EventType.AddToCart or EventType.RemoveFromCart => [["itemId"]],
        EventType.Review => [["itemId"], ["rating"]],
        EventType.CampaignExposure or EventType.CampaignClick or EventType.CouponClaim or EventType.CouponRedeem => [["campaignId"]],
        _ => [],
    };

    /// <summary>
    /// A number (an amount, a rating) without trailing zeros (28.3600 → 28.36): the log stores four decimals, and an event must fold the same
    /// whether it reaches a profile as sent or as read back from the log.
    /// </summary>
    public static decimal Canonical(decimal amount) => amount / 1.0000000000000000000000000000m;
}
