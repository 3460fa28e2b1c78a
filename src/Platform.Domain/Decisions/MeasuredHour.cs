using Platform.Domain.Campaigns;
using Platform.Domain.Measurement;

namespace Platform.Domain.Decisions;

/// <summary>
/// What a campaign's KPIs measured by the end of one hour, per enrolled treated user, each with an always-valid 95% interval
/// (read hour after hour, as a fixed-horizon interval may not be; docs/forecasts.md#forecast-against-actual). Null where
/// there is nothing to measure yet.
/// </summary>
public sealed record MeasuredHour(
    DateTimeOffset At, Estimate? ConversionRateLift, Estimate? RevenuePerUserLift, Estimate? ParticipationRate = null, Estimate? DiscountCostPerUser = null,
    Estimate? ConversionRate = null)
{
    public static MeasuredHour Of(DateTimeOffset at, CampaignKpis kpis) => new(
        at, Watched(kpis, LiftMetric.ConversionRate), Watched(kpis, LiftMetric.RevenuePerUser),
        Proportion((double)kpis.Participants / Math.Max(1, kpis.Treatment.Users), kpis.Treatment.Users), DiscountCost(kpis),
        Proportion(kpis.Treatment.ConversionRate ?? 0, kpis.Treatment.Users));

    /// <summary>The lift's always-valid interval; hours recorded before it existed keep their fixed-horizon one.</summary>
    private static Estimate? Watched(CampaignKpis kpis, LiftMetric metric) => kpis.Measurement is { } measurement
        ? measurement[metric].AlwaysValid
        : metric == LiftMetric.ConversionRate ? kpis.ConversionRateLift : kpis.RevenuePerUserLift;

    /// <summary>A share of the enrolled treated users (who took part, who bought in their window), a binomial proportion.</summary>
    private static Estimate? Proportion(double rate, long users) =>
        users < 2 ? null : ConfidenceSequence.Around(rate, Math.Sqrt(rate * (1 - rate) / users), users);

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
