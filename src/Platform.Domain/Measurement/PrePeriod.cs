using Platform.Domain.Events;
using Platform.Domain.Profiles;

namespace Platform.Domain.Measurement;

/// <summary>
/// The pre-period covariates stored with a live campaign's assignment: what the user did in the whole UTC days before the
/// day of assignment (<see cref="ProfileSettings.PrePeriodDays"/> of them), read from the profile's daily counts as they
/// stood when the user was enrolled: before the campaign could change anything.
/// </summary>
public static class PrePeriod
{
    public const int DefaultDays = 30;
    public const int MaxDays = UserProfile.DailyWindowDays - 1;

    /// <summary>The names of <see cref="Of"/>'s values, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["pre_purchases", "pre_revenue", "pre_views", "pre_campaign_responses"];

    public static double[] Of(UserProfile profile, DateTimeOffset assignedAt, int days)
    {
        var today = DailyCount.DayOf(assignedAt);
        double purchases = 0, revenue = 0, views = 0, responses = 0;
        foreach (var day in profile.Daily.Where(d => d.Day < today && d.Day >= today - days))
        {
            switch (day.Type)
            {
                case EventType.Purchase:
                    purchases += day.Count;
                    revenue += (double)day.Amount;
                    break;
                case EventType.View:
                    views += day.Count;
                    break;
                case EventType.CampaignClick or EventType.CouponClaim or EventType.CouponRedeem:
                    responses += day.Count;
                    break;
            }
        }

        return [purchases, revenue, views, responses];
    }
}
