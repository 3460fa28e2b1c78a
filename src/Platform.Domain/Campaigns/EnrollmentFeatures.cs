using Platform.Domain.Events;
using Platform.Domain.Profiles;

namespace Platform.Domain.Campaigns;

/// <summary>What a user's profile said at the moment of assignment: the point-in-time features effect models train on.</summary>
public static class EnrollmentFeatures
{
    public static IReadOnlyDictionary<string, double> Of(UserProfile profile, DateTimeOffset at, ProfileSettings settings)
    {
        var view = ProfileReader.Read(profile, at, settings);
        double Last30(EventType type) => view.Counters.First(c => c.Type == type).Last30Days;
        return new Dictionary<string, double>(StringComparer.Ordinal)
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
    }
}
