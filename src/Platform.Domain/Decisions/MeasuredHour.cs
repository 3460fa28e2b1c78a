using Platform.Domain.Campaigns;
using Platform.Domain.Measurement;

namespace Platform.Domain.Decisions;

/// <summary>
/// What a campaign's KPIs measured by the end of one hour, per enrolled treated user, each with an always-valid 95% interval
/// (read hour after hour, as a fixed-horizon interval may not be; docs/forecasts.md#forecast-against-actual). Null where
/// there is nothing to measure yet.
/// </summary>
public sealed record MeasuredHour(
    DateTimeOffset At, Estimate? ConversionRateLift, Estimate? RevenuePerUserLift, Estimate? ParticipationRate = null, Estimate? DiscountCostPerUser = null)
{
    public static MeasuredHour Of(DateTimeOffset at, CampaignKpis kpis) => new(
        at, Watched(kpis, LiftMetric.ConversionRate), Watched(kpis, LiftMetric.RevenuePerUser), Participation(kpis), DiscountCost(kpis));

    /// <summary>The lift's always-valid interval; hours recorded before it existed keep their fixed-horizon one.</summary>
    private static Estimate? Watched(CampaignKpis kpis, LiftMetric metric) => kpis.Measurement is { } measurement
        ? measurement[metric].AlwaysValid
        : metric == LiftMetric.ConversionRate ? kpis.ConversionRateLift : kpis.RevenuePerUserLift;

    /// <summary>Participants ÷ enrolled treated users, a binomial proportion.</summary>
    private static Estimate? Participation(CampaignKpis kpis)
    {
        var users = kpis.Treatment.Users;
        if (users < 2)
        {
            return null;
        }

        var rate = (double)kpis.Participants / users;
        return ConfidenceSequence.Around(rate, Math.Sqrt(rate * (1 - rate) / users), users);
    }

    /// <summary>
    /// Discount cost ÷ enrolled treated users. The KPIs keep no per-user spread of cost, so the redemptions are taken as a
    /// Poisson count at the average discount of one: the cost's standard error is cost ÷ √redemptions.
    /// </summary>
    private static Estimate? DiscountCost(CampaignKpis kpis)
    {
        var users = kpis.Treatment.Users;
        if (users < 2)
        {
            return null;
        }

        var perUser = (double)kpis.DiscountCost / users;
        return ConfidenceSequence.Around(perUser, kpis.Redemptions > 0 ? perUser / Math.Sqrt(kpis.Redemptions) : 0, users);
    }
}
