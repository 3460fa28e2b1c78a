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
    /// <summary>The features <see cref="Of(ProfileView, DateTimeOffset)"/> gives besides the affinities: amounts and counts, never codes.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "purchases", "revenue", "recency_days", "frequency_90", "monetary_90", "discount_sensitivity",
        "views_30", "clicks_30", "carts_30", "purchases_30", "engagement_seconds", "days_known",
    };

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
}
