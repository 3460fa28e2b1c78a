using Platform.Domain.Campaigns;
using Platform.Domain.Measurement;

namespace Platform.Simulation;

/// <summary>
/// Experiment rows measured offline with the platform's own code (docs/measurement.md): the simulated shop's past
/// campaigns with the pre-period columns their files carry, or any file's rows.
/// </summary>
public static class MeasurementRows
{
    /// <summary>One user of an experiment: the side, the covariates, and the three outcomes (converted, purchases, revenue).</summary>
    public sealed record Row(string CampaignId, bool Treated, double[] Covariates, double Purchases, double Revenue)
    {
        public double[] Values => [.. Covariates, Purchases > 0 ? 1 : 0, Purchases, Revenue];
    }

    public static IReadOnlyList<string> ShopCovariates { get; } = ["sessions_30d", "cart_adds_30d", "purchases_90d", "spend_90d", "days_since_visit"];

    /// <summary>The simulated shop's past experiments, one row per campaign and user (control users in every arm's campaign).</summary>
    public static IEnumerable<Row> Shop(SimulatedWorld world, int users) =>
        SimulatedUpliftData.Stream(world, users).Select(s => new Row(
            s.Row.CampaignId, s.Row.Treated, ShopCovariates.Select(name => s.Row.Features[name].Number ?? 0).ToArray(), s.Row.Conversions ?? 0, s.Row.Revenue ?? 0));

    /// <summary>Each campaign's measurement, as campaign.kpis computes it.</summary>
    public static IReadOnlyDictionary<string, KpiMeasurement> Measure(IEnumerable<Row> rows, IReadOnlyList<string> covariates) =>
        rows.GroupBy(r => r.CampaignId).ToDictionary(g => g.Key, g => Measure(
            ArmMoments.Of(g.Where(r => r.Treated).Select(r => r.Values), covariates.Count),
            ArmMoments.Of(g.Where(r => !r.Treated).Select(r => r.Values), covariates.Count),
            covariates));

    /// <summary>The three lifts of two sides' moments, the unadjusted ones as campaign.kpis computes them.</summary>
    public static KpiMeasurement Measure(ArmMoments treatment, ArmMoments control, IReadOnlyList<string> covariates)
    {
        LiftMeasurement Lift(LiftMetric metric)
        {
            var y = treatment.OutcomeIndex(metric);
            var unadjusted = treatment.Count < 2 || control.Count < 2 ? null
                : metric == LiftMetric.ConversionRate ? CampaignKpis.ProportionDifference((long)treatment.Sums[y], treatment.Count, (long)control.Sums[y], control.Count)
                : CampaignKpis.MeanDifference(new Sample(treatment.Count, treatment.Mean(y), treatment.Covariance(y, y)), new Sample(control.Count, control.Mean(y), control.Covariance(y, y)));
            return LiftMeasurement.Of(metric, unadjusted, treatment, control, covariates);
        }

        return new KpiMeasurement(Lift(LiftMetric.ConversionRate), Lift(LiftMetric.PurchasesPerUser), Lift(LiftMetric.RevenuePerUser));
    }
}
