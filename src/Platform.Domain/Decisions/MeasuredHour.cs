using Platform.Domain.Campaigns;
using Platform.Domain.Measurement;

namespace Platform.Domain.Decisions;

/// <summary>
/// What a campaign's KPIs measured by the end of one hour, each with an always-valid 95% interval (read hour after hour, as
/// a fixed-horizon interval may not be; docs/forecasts.md#forecast-against-actual): the lifts per enrolled user, and the
/// treated side's conversion rate, participation rate and discount cost per enrolled treated user. Null where there is
/// nothing to measure yet.
/// </summary>
public sealed record MeasuredHour(
    DateTimeOffset At, Estimate? ConversionRateLift, Estimate? RevenuePerUserLift, Estimate? ConversionRate = null, Estimate? ParticipationRate = null,
    Estimate? DiscountCostPerUser = null)
{
    /// <summary>
    /// Treated users needed before the treated side's levels are measured: the always-valid interval is asymptotic, so
    /// they wait as the lifts do (<see cref="RegressionAdjustment.MinUsersPerSide"/>).
    /// </summary>
    public const int MinTreatedUsers = RegressionAdjustment.MinUsersPerSide;

    public static MeasuredHour Of(DateTimeOffset at, CampaignKpis kpis)
    {
        var users = kpis.Treatment.Users;
        var measured = users >= MinTreatedUsers;
        return new(
            at, Watched(kpis, LiftMetric.ConversionRate), Watched(kpis, LiftMetric.RevenuePerUser),
            measured && kpis.Treatment.ConversionRate is { } conversion ? Proportion(conversion, users) : null,
            measured && kpis.ParticipationRate is { } participation ? Proportion(participation, users) : null,
            measured ? DiscountCost(kpis.DiscountCost, kpis.Redemptions, users) : null);
    }

    /// <summary>The lift's always-valid interval; hours recorded before it existed keep their fixed-horizon one.</summary>
    private static Estimate? Watched(CampaignKpis kpis, LiftMetric metric) => kpis.Measurement is { } measurement
        ? measurement[metric].AlwaysValid
        : metric == LiftMetric.ConversionRate ? kpis.ConversionRateLift : kpis.RevenuePerUserLift;

    /// <summary>
    /// A share of the treated users, with the Agresti–Coull standard error (two successes and two failures added), so
    /// that a share of 0 or 1 still has an interval: nobody taking part among thousands can be told from the forecast.
    /// </summary>
    private static Estimate Proportion(double rate, long users)
    {
        var adjusted = ((rate * users) + 2) / (users + 4);
        return ConfidenceSequence.Around(rate, Math.Sqrt(adjusted * (1 - adjusted) / (users + 4)), users);
    }

    /// <summary>
    /// Discount cost ÷ treated users. The KPIs keep no per-user spread of cost, so the redemptions are taken as a Poisson
    /// count at their average discount: the cost's standard error is cost ÷ √redemptions. Null before the first one.
    /// </summary>
    private static Estimate? DiscountCost(decimal cost, long redemptions, long users)
    {
        if (redemptions == 0)
        {
            return null;
        }

        var perUser = (double)cost / users;
        return ConfidenceSequence.Around(perUser, perUser / Math.Sqrt(redemptions), users);
    }
}
