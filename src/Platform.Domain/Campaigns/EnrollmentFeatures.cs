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
        Of(ProfileReader.Summary(profile, at, settings), at);

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
        AdvanceInPlace(advanced, asOf, now);
        return advanced;
    }

    /// <summary><see cref="Advance"/> on features the caller owns (an audience read advances each row it decoded).</summary>
    public static void AdvanceInPlace(Dictionary<string, double> features, DateTimeOffset asOf, DateTimeOffset now)
    {
        var elapsed = now - asOf;
        if (elapsed <= TimeSpan.Zero)
        {
            return;
        }

        if (features.TryGetValue("recency_days", out var recency) && recency >= 0)
        {
            features["recency_days"] = recency + (DateOnly.FromDateTime(now.UtcDateTime).DayNumber - DateOnly.FromDateTime(asOf.UtcDateTime).DayNumber);
        }

        if (features.TryGetValue("days_known", out var known))
        {
            features["days_known"] = known + elapsed.TotalDays;
        }

        if (elapsed.TotalDays >= 30)
        {
            Empty(features, Last30Days);
        }

        if (elapsed.TotalDays >= 90)
        {
            Empty(features, Last90Days);
        }
    }

    private static void Empty(Dictionary<string, double> features, string[] names)
    {
        foreach (var name in names)
        {
            if (features.ContainsKey(name))
            {
                features[name] = 0;
            }
        }
    }

    private static readonly string[] Last30Days = ["views_30", "clicks_30", "carts_30", "purchases_30"];
    private static readonly string[] Last90Days = ["frequency_90", "monetary_90"];
}
