using Platform.Domain.Events;

namespace Platform.Domain.Profiles;

/// <summary>
/// Tags derived from behaviour, each a documented rule over the profile as of now (docs/profiles.md).
/// </summary>
public static class InterestTags
{
    public const double FanShare = 0.5;
    public const double FanMinimumScore = 3;

    public static IReadOnlyList<string> Derive(UserProfile profile, Rfm rfm, IReadOnlyList<WindowedCount> counters, IReadOnlyList<Affinity> categories, ProfileSettings settings, DateTimeOffset now)
    {
        int Last30(EventType type) => counters.First(c => c.Type == type).Last30Days;
        int Last7(EventType type) => counters.First(c => c.Type == type).Last7Days;
        var tags = new List<string>();

        if (profile.FirstSeenAt is { } first && now - first <= TimeSpan.FromDays(30))
        {
            tags.Add("new_customer");
        }

        if (profile.Purchases >= 2)
        {
            tags.Add("repeat_buyer");
        }

        if (profile.LastPurchaseAt is { } last && now - last > TimeSpan.FromDays(90))
        {
            tags.Add("lapsed");
        }

        if ((profile.Purchases >= 3 && profile.DiscountedPurchases * 2 >= profile.Purchases) || profile.Totals[EventType.CouponClaim] >= 2)
        {
            tags.Add("bargain_hunter");
        }

        if (rfm.Monetary90 >= settings.HighValueMonetary90)
        {
            tags.Add("high_value");
        }

        if (profile.LastCartAddAt is { } cart && now - cart <= TimeSpan.FromDays(7) && (profile.LastPurchaseAt is null || profile.LastPurchaseAt < cart))
        {
            tags.Add("cart_abandoner");
        }

        if (Last30(EventType.View) >= 20 && rfm.Frequency90 == 0)
        {
            tags.Add("window_shopper");
        }

        if (profile.Reviews >= 2)
        {
            tags.Add("reviewer");
        }

        if (Last30(EventType.CampaignClick) + Last30(EventType.CouponClaim) + Last30(EventType.CouponRedeem) > 0)
        {
            tags.Add("campaign_responder");
        }

        if (Last7(EventType.Search) >= 5)
        {
            tags.Add("active_searcher");
        }

        if (categories is [var top, ..] && top.Share >= FanShare && top.Score >= FanMinimumScore)
        {
            tags.Add($"fan:{top.Key}");
        }

        return tags;
    }
}
