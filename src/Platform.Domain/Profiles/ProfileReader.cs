using Platform.Domain.Events;

namespace Platform.Domain.Profiles;

/// <summary>Turns a folded profile into its view as of a moment: windows, RFM, decayed affinities, tags.</summary>
public static class ProfileReader
{
    public const int AffinitiesShown = 10;

    private static readonly EventType[] Types = Enum.GetValues<EventType>();

    public static ProfileView Read(UserProfile profile, DateTimeOffset now, ProfileSettings settings) =>
        Read(profile, now, settings, withHistory: true);

    /// <summary>
    /// The view without the trajectory and the campaign history (both empty): what users.profiles and enrollment features
    /// hold, made on every delivery, so it skips copying the 50 latest events.
    /// </summary>
    public static ProfileView Summary(UserProfile profile, DateTimeOffset now, ProfileSettings settings) =>
        Read(profile, now, settings, withHistory: false);

    private static ProfileView Read(UserProfile profile, DateTimeOffset now, ProfileSettings settings, bool withHistory)
    {
        var today = DailyCount.DayOf(now);
        var counters = Counters(profile, today);
        var purchases90 = 0;
        var amount90 = 0m;
        foreach (var day in profile.Daily)
        {
            if (day.Type == EventType.Purchase && day.Day >= today - RfmRules.WindowDays && day.Day <= today)
            {
                purchases90 += day.Count;
                amount90 += day.Amount;
            }
        }

        int? recencyDays = profile.LastPurchaseAt is { } last ? Math.Max(0, today - DailyCount.DayOf(last)) : null;
        var rfm = RfmRules.Score(recencyDays, purchases90, amount90, profile.Purchases);
        var categories = Affinities(profile.Categories, now, settings);

        return new ProfileView(
            profile.FirstSeenAt,
            profile.LastSeenAt,
            counters,
            rfm,
            profile.Purchases,
            profile.Revenue,
            profile.Purchases > 0 ? (double)profile.DiscountedPurchases / profile.Purchases : null,
            profile.Reviews > 0 ? (double)profile.RatingSum / profile.Reviews : null,
            profile.EngagementSeconds,
            categories,
            Affinities(profile.Brands, now, settings),
            InterestTags.Derive(profile, rfm, counters, categories, settings, now),
            // Copies: the profile's own change as later events are folded, the view must not.
            withHistory ? profile.Recent.ToArray() : [],
            withHistory ? profile.Campaigns.ToArray() : [],
            profile.AppliedSeq);
    }

    /// <summary>Each type's count since the first event, in the last 7 days and in the last 30 (today included), in type order.</summary>
    private static WindowedCount[] Counters(UserProfile profile, int today)
    {
        var last7 = new int[Types.Length];
        var last30 = new int[Types.Length];
        foreach (var day in profile.Daily)
        {
            var index = Array.IndexOf(Types, day.Type);
            if (index >= 0 && day.Day >= today - 29)
            {
                last30[index] += day.Count;
                last7[index] += day.Day >= today - 6 ? day.Count : 0;
            }
        }

        var counters = new WindowedCount[Types.Length];
        for (var i = 0; i < Types.Length; i++)
        {
            counters[i] = new WindowedCount(Types[i], profile.Totals[Types[i]], last7[i], last30[i]);
        }

        return counters;
    }

    private static IReadOnlyList<Affinity> Affinities(DecayingScores scores, DateTimeOffset now, ProfileSettings settings)
    {
        var current = scores.At(now, settings.AffinityHalfLife);
        var total = current.Sum(s => s.Score);
        return current.Take(AffinitiesShown).Select(s => new Affinity(s.Key, s.Score, total > 0 ? s.Score / total : 0)).ToList();
    }
}
