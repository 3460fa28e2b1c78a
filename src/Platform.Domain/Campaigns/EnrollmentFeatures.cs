using Platform.Domain.Events;
using Platform.Domain.Modeling;
using Platform.Domain.Profiles;

namespace Platform.Domain.Campaigns;

/// <summary>
/// What a user's profile says at a moment: the point-in-time features effect models train on (stored with each
/// assignment) and that serving reads from the live profile. Category affinities travel as "affinity:&lt;category&gt;"
/// shares, for the match between a design's categories and the user's tastes.
/// </summary>
public static class EnrollmentFeatures
{
    public static IReadOnlyDictionary<string, double> Of(UserProfile profile, DateTimeOffset at, ProfileSettings settings) =>
        Of(ProfileReader.Read(profile, at, settings), at);

    public static IReadOnlyDictionary<string, double> Of(ProfileView view, DateTimeOffset at)
    {
        double Last30(EventType type) => view.Counters.First(c => c.Type == type).Last30Days;
        var features = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["purchases"] = view.Purchases,
            ["revenue"] = (double)view.Revenue,
            ["recency_days"] = view.Rfm.RecencyDays ?? -1,
            ["frequency_90"] = view.Rfm.Frequency90,
            ["monetary_90"] = (double)view.Rfm.Monetary90,
            ["discount_sensitivity"] = view.DiscountSensitivity ?? -1,
            ["views_30"] = Last30(EventType.View),
            ["clicks_30"] = Last30(EventType.Click),
            ["carts_30"] = Last30(EventType.AddToCart),
            ["purchases_30"] = Last30(EventType.Purchase),
            ["engagement_seconds"] = view.EngagementSeconds,
            ["days_known"] = view.FirstSeenAt is { } first ? Math.Max(0, (at - first).TotalDays) : 0,
        };
        foreach (var affinity in view.CategoryAffinities)
        {
            features[FeatureSchema.AffinityPrefix + affinity.Key] = Math.Round(affinity.Share, 4);
        }

        return features;
    }

    /// <summary>
    /// Features computed at <paramref name="asOf"/> as they read at <paramref name="now"/> for a user with no event in
    /// between: days since the last purchase and days known move on; a window with no event left in it empties (the 30-day
    /// counters 30 days on, the 90-day figures 90 days on). Within a window what left it cannot be told; it stays.
    /// </summary>
    public static Dictionary<string, double> Advance(IReadOnlyDictionary<string, double> features, DateTimeOffset asOf, DateTimeOffset now)
    {
        var advanced = new Dictionary<string, double>(features, StringComparer.Ordinal);
        var elapsed = now - asOf;
        if (elapsed <= TimeSpan.Zero)
        {
            return advanced;
        }

        if (advanced.TryGetValue("recency_days", out var recency) && recency >= 0)
        {
            advanced["recency_days"] = recency + (DateOnly.FromDateTime(now.UtcDateTime).DayNumber - DateOnly.FromDateTime(asOf.UtcDateTime).DayNumber);
        }

        if (advanced.ContainsKey("days_known"))
        {
            advanced["days_known"] += elapsed.TotalDays;
        }

        foreach (var (window, names) in new[] { (30, Last30Days), (90, Last90Days) })
        {
            if (elapsed.TotalDays >= window)
            {
                foreach (var name in names.Where(advanced.ContainsKey))
                {
                    advanced[name] = 0;
                }
            }
        }

        return advanced;
    }

    private static readonly string[] Last30Days = ["views_30", "clicks_30", "carts_30", "purchases_30"];
    private static readonly string[] Last90Days = ["frequency_90", "monetary_90"];
}
