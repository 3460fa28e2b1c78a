using Platform.Domain.Events;

namespace Platform.Domain.Profiles;

/// <summary>Turns a folded profile into its view as of a moment: windows, RFM, decayed affinities, tags.</summary>
public static class ProfileReader
{
    public const int AffinitiesShown = 10;

    public static ProfileView Read(UserProfile profile, DateTimeOffset now, ProfileSettings settings)
    {
        var today = DailyCount.DayOf(now);
        var counters = Enum.GetValues<EventType>()
            .Select(type => new WindowedCount(
                type,
                profile.Totals.GetValueOrDefault(type),
                CountSince(profile, type, today - 6),
                CountSince(profile, type, today - 29)))
            .ToList();
        var purchases90 = profile.Daily.Where(d => d.Type == EventType.Purchase && d.Day >= today - RfmRules.WindowDays && d.Day <= today).ToList();
        int? recencyDays = profile.LastPurchaseAt is { } last ? Math.Max(0, today - DailyCount.DayOf(last)) : null;
        var rfm = RfmRules.Score(recencyDays, purchases90.Sum(d => d.Count), purchases90.Sum(d => d.Amount), profile.Purchases);
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
            profile.Recent.ToArray(), // copies: the profile's own change as later events are folded, the view must not
            profile.Campaigns.ToArray(),
            profile.AppliedSeq);
    }

    private static int CountSince(UserProfile profile, EventType type, int firstDay) =>
        profile.Daily.Where(d => d.Type == type && d.Day >= firstDay).Sum(d => d.Count);

    private static IReadOnlyList<Affinity> Affinities(DecayingScores scores, DateTimeOffset now, ProfileSettings settings)
    {
        var current = scores.At(now, settings.AffinityHalfLife);
        var total = current.Sum(s => s.Score);
        return current.Take(AffinitiesShown).Select(s => new Affinity(s.Key, s.Score, total > 0 ? s.Score / total : 0)).ToList();
    }
}
