using Platform.Domain.Campaigns;
using Platform.Domain.Events;

namespace Platform.Domain.Profiles;

/// <summary>
/// Folds logged events into a <see cref="UserProfile"/>. Every step gives the same result whatever
/// order events arrive in (counts, sums, minimum and maximum times, decayed scores kept at a reference
/// time, trajectories kept sorted), so late events land where they belong. Events at or below the
/// applied offset are skipped: replaying the log twice changes nothing.
/// </summary>
public static class ProfileFolder
{
    /// <summary>How much an event of each type says about interest in its category and brand.</summary>
    public static double AffinityWeight(EventType type) => type switch
    {
        EventType.View => 1,
        EventType.Click => 1.5,
        EventType.AddToCart => 3,
        EventType.Purchase => 5,
        EventType.Review => 2,
        EventType.CampaignClick or EventType.CouponClaim => 1,
        _ => 0,
    };

    /// <summary>Applies events in order of occurrence; returns how many were new. With <paramref name="campaigns"/>, events also count for running campaigns' experiments.</summary>
    public static int Apply(
        UserProfile profile, IEnumerable<(long Seq, BehaviorEvent Event)> events, Func<string, ItemFacts?> catalog, ProfileSettings settings, CampaignContext? campaigns = null)
    {
        var applied = 0;
        var highest = profile.AppliedSeq;
        foreach (var (seq, e) in events.OrderBy(x => x.Event.OccurredAt).ThenBy(x => x.Seq))
        {
            if (seq <= profile.AppliedSeq)
            {
                continue;
            }

            var item = e.ItemId is null ? null : catalog(e.ItemId);
            if (campaigns is not null)
            {
                CampaignAttribution.Apply(profile, e, campaigns, settings, item);
            }

            ApplyOne(profile, seq, e, item, settings);
            highest = Math.Max(highest, seq);
            applied++;
        }

        profile.AppliedSeq = highest;
        return applied;
    }

    private static void ApplyOne(UserProfile profile, long seq, BehaviorEvent e, ItemFacts? item, ProfileSettings settings)
    {
        profile.FirstSeenAt = Min(profile.FirstSeenAt, e.OccurredAt);
        profile.LastSeenAt = Max(profile.LastSeenAt, e.OccurredAt);
        profile.Totals[e.Type]++;
        CountDay(profile, e);

        switch (e.Type)
        {
            case EventType.Purchase:
                profile.Purchases++;
                profile.Revenue += e.Amount ?? 0;
                profile.FirstPurchaseAt = Min(profile.FirstPurchaseAt, e.OccurredAt);
                profile.LastPurchaseAt = Max(profile.LastPurchaseAt, e.OccurredAt);
                if (IsDiscounted(e))
                {
                    profile.DiscountedPurchases++;
                }

                break;
            case EventType.AddToCart:
                profile.LastCartAddAt = Max(profile.LastCartAddAt, e.OccurredAt);
                break;
            case EventType.Review when e.Rating is { } rating:
                profile.Reviews++;
                profile.RatingSum += rating;
                break;
        }

        profile.EngagementSeconds += e.DurationSeconds ?? 0;
        var weight = AffinityWeight(e.Type);
        if (weight > 0 && (e.CategoryId ?? item?.CategoryId) is { } category)
        {
            profile.Categories.Add(category, weight, e.OccurredAt, settings.AffinityHalfLife);
        }

        if (weight > 0 && item?.Brand is { } brand)
        {
            profile.Brands.Add(brand, weight, e.OccurredAt, settings.AffinityHalfLife);
        }

        profile.Recent.Remember(new TrajectoryStep(seq, e.Type, e.OccurredAt, e.ItemId, e.CategoryId ?? item?.CategoryId, e.CampaignId, e.Amount));
        if (e.CampaignId is { } campaignId)
        {
            Touch(profile, campaignId, e);
        }
    }

    /// <summary>A purchase counts as discounted when it names a campaign or carries a "coupon" property.</summary>
    public static bool IsDiscounted(BehaviorEvent purchase) =>
        purchase.CampaignId is not null || purchase.Properties?.ContainsKey("coupon") == true;

    private static void CountDay(UserProfile profile, BehaviorEvent e)
    {
        var day = DailyCount.DayOf(e.OccurredAt);
        var latest = DailyCount.DayOf(profile.LastSeenAt!.Value);
        if (day <= latest - UserProfile.DailyWindowDays)
        {
            return; // older than any window we report
        }

        var index = profile.Daily.FindIndex(d => d.Day == day && d.Type == e.Type);
        var amount = e.Type == EventType.Purchase ? e.Amount ?? 0 : 0;
        if (index >= 0)
        {
            var current = profile.Daily[index];
            profile.Daily[index] = current with { Count = current.Count + 1, Amount = current.Amount + amount };
        }
        else
        {
            profile.Daily.Add(new DailyCount(day, e.Type, 1, amount));
        }

        profile.Daily.RemoveAll(d => d.Day <= latest - UserProfile.DailyWindowDays);
    }

    private static void Touch(UserProfile profile, string campaignId, BehaviorEvent e)
    {
        var index = profile.Campaigns.FindIndex(c => c.CampaignId == campaignId);
        var touch = index >= 0 ? profile.Campaigns[index] : new CampaignTouch(campaignId, e.OccurredAt, e.OccurredAt, 0, 0, 0, 0);
        touch = touch with
        {
            FirstAt = touch.FirstAt < e.OccurredAt ? touch.FirstAt : e.OccurredAt,
            LastAt = touch.LastAt > e.OccurredAt ? touch.LastAt : e.OccurredAt,
            Exposures = touch.Exposures + (e.Type == EventType.CampaignExposure ? 1 : 0),
            Clicks = touch.Clicks + (e.Type == EventType.CampaignClick ? 1 : 0),
            Claims = touch.Claims + (e.Type == EventType.CouponClaim ? 1 : 0),
            Redemptions = touch.Redemptions + (e.Type == EventType.CouponRedeem ? 1 : 0),
        };
        if (e.Type == EventType.CampaignExposure)
        {
            touch = CountExposureDay(touch, DateOnly.FromDateTime(e.OccurredAt.UtcDateTime));
        }

        if (index >= 0)
        {
            profile.Campaigns.RemoveAt(index);
        }

        profile.Campaigns.Add(touch);
        profile.Campaigns.Sort((a, b) => b.LastAt.CompareTo(a.LastAt));
        if (profile.Campaigns.Count > UserProfile.CampaignHistoryLength)
        {
            profile.Campaigns.RemoveAt(profile.Campaigns.Count - 1);
        }
    }

    // Only the latest day with exposures is kept: a late exposure of an earlier day changes nothing a cap looks at.
    private static CampaignTouch CountExposureDay(CampaignTouch touch, DateOnly day) =>
        touch.ExposureDay is { } kept && kept > day ? touch
        : touch with { ExposureDay = day, ExposuresThatDay = touch.ExposureDay == day ? touch.ExposuresThatDay + 1 : 1 };

    private static DateTimeOffset Min(DateTimeOffset? current, DateTimeOffset at) => current is { } c && c <= at ? c : at;

    private static DateTimeOffset Max(DateTimeOffset? current, DateTimeOffset at) => current is { } c && c >= at ? c : at;
}
