using Platform.Domain.Measurement;

namespace Platform.Domain.Campaigns;

/// <summary>An estimate with its 95% interval.</summary>
public sealed record Estimate(double Value, double Low, double High);

/// <summary>The outcome rates of one side, over its users' attribution windows.</summary>
public sealed record ArmOutcomes(long Users, double? ConversionRate, double? PurchasesPerUser, double? RevenuePerUser);

/// <summary>A campaign's KPIs: treatment activity, the outcomes of both sides, and the lift the holdout measures.</summary>
public sealed record CampaignKpis(
    long Reach,
    long Exposures,
    long Participants,
    double? ParticipationRate,
    double? ParticipationsPerParticipant,
    double? EngagementSecondsPerParticipant,
    long Redemptions,
    long RedemptionsOverBudget,
    long Conversions,
    long Orders,
    decimal Gmv,
    decimal? AverageOrderValue,
    decimal DiscountCost,
    decimal? BudgetLeft,
    double? Satisfaction,
    long HoldoutLeaks,
    ArmOutcomes Treatment,
    ArmOutcomes Control,
    Estimate? ConversionRateLift,
    Estimate? PurchasesPerUserLift,
    Estimate? RevenuePerUserLift,
    Estimate? IncrementalConversions,
    Estimate? IncrementalRevenue,
    double? Roi,
    KpiMeasurement? Measurement = null,
    decimal ContactCost = 0)
{
    /// <summary>Whether the always-valid interval of the conversion-rate lift, the primary outcome, excludes zero; null without <see cref="Measurement"/> (history recorded before it).</summary>
    public Significance? Significance => Measurement?.ConversionRate.Significance;

    /// <summary>The two-sided 95% normal quantile.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// Lift is treatment minus control: a difference of proportions for the conversion rate (share of users
    /// with a purchase in their window; unpooled variance), of means for purchases and revenue per user
    /// (sample variances, Welch). Incremental totals scale the per-user lift by the treated users.
    /// The contact cost is the design's cost per contact × the treated users; ROI = (incremental revenue − cost) / cost, where
    /// cost = discount cost + contact cost. Each needs 2 users on both sides.
    /// <see cref="Measurement"/> adds the adjusted and always-valid lifts when both sides carry moments over
    /// <paramref name="covariates"/>.
    /// </summary>
    public static CampaignKpis From(ArmTotals treatment, ArmTotals control, decimal? budget, IReadOnlyList<string>? covariates = null, decimal costPerContact = 0)
    {
        var contactCost = costPerContact * treatment.Users;
        var cost = (double)(treatment.DiscountCost + contactCost);
        var conversionLift = ProportionDifference(treatment.WindowConverters, treatment.Users, control.WindowConverters, control.Users);
        var purchasesLift = MeanDifference(Sample.Of(treatment.WindowPurchases, treatment.WindowPurchasesSquared, treatment.Users), Sample.Of(control.WindowPurchases, control.WindowPurchasesSquared, control.Users));
        var revenueLift = MeanDifference(Sample.Of((double)treatment.WindowRevenue, treatment.WindowRevenueSquared, treatment.Users), Sample.Of((double)control.WindowRevenue, control.WindowRevenueSquared, control.Users));
        var incrementalRevenue = Scale(revenueLift, treatment.Users);
        return new CampaignKpis(
            treatment.Reached,
            treatment.Exposures,
            treatment.Participants,
            Ratio(treatment.Participants, treatment.Users),
            Ratio(treatment.Participations, treatment.Participants),
            treatment.Participants > 0 ? treatment.EngagementSeconds / treatment.Participants : null,
            treatment.Redemptions,
            treatment.RedemptionsOverBudget,
            treatment.Converters,
            treatment.Orders,
            treatment.Gmv,
            treatment.Orders > 0 ? treatment.Gmv / treatment.Orders : null,
            treatment.DiscountCost,
            budget is { } b ? b - treatment.DiscountCost : null,
            Ratio((double)treatment.RatingSum, treatment.RatingCount),
            treatment.HoldoutLeaks + control.HoldoutLeaks,
            Outcomes(treatment),
            Outcomes(control),
            conversionLift,
            purchasesLift,
            revenueLift,
            Scale(purchasesLift, treatment.Users),
            incrementalRevenue,
            cost > 0 && incrementalRevenue is { } gain ? (gain.Value - cost) / cost : null,
            treatment.Moments is { } t && control.Moments is { } c
                ? new KpiMeasurement(
                    LiftMeasurement.Of(LiftMetric.ConversionRate, conversionLift, t, c, Named(covariates, t, c)),
                    LiftMeasurement.Of(LiftMetric.PurchasesPerUser, purchasesLift, t, c, Named(covariates, t, c)),
                    LiftMeasurement.Of(LiftMetric.RevenuePerUser, revenueLift, t, c, Named(covariates, t, c)))
                : null,
            contactCost);
    }

    private static IReadOnlyList<string> Named(IReadOnlyList<string>? names, ArmMoments treatment, ArmMoments control) =>
        (names ?? []).Count == treatment.Covariates && treatment.Covariates == control.Covariates
            ? names ?? []
            : throw new ArgumentException($"{(names ?? []).Count} covariate names for moments of {treatment.Covariates} and {control.Covariates} covariates.", nameof(names));

    public static Estimate? ProportionDifference(long successes1, long n1, long successes2, long n2)
    {
        if (n1 < 2 || n2 < 2)
        {
            return null;
        }

        double p1 = (double)successes1 / n1, p2 = (double)successes2 / n2;
        return Around(p1 - p2, Math.Sqrt((p1 * (1 - p1) / n1) + (p2 * (1 - p2) / n2)));
    }

    public static Estimate? MeanDifference(Sample? first, Sample? second) =>
        first is { } a && second is { } b ? Around(a.Mean - b.Mean, Math.Sqrt((a.Variance / a.Count) + (b.Variance / b.Count))) : null;

    private static Estimate Around(double value, double standardError) => new(value, value - (Z95 * standardError), value + (Z95 * standardError));

    private static Estimate? Scale(Estimate? estimate, long factor) =>
        estimate is { } e ? new Estimate(e.Value * factor, e.Low * factor, e.High * factor) : null;

    private static ArmOutcomes Outcomes(ArmTotals arm) => new(
        arm.Users,
        Ratio(arm.WindowConverters, arm.Users),
        Ratio(arm.WindowPurchases, arm.Users),
        arm.Users > 0 ? (double)arm.WindowRevenue / arm.Users : null);

    private static double? Ratio(double part, double whole) => whole > 0 ? part / whole : null;
}

/// <summary>A sample's size, mean and variance (n − 1), from its sum and sum of squares.</summary>
public sealed record Sample(long Count, double Mean, double Variance)
{
    public static Sample? Of(double sum, double sumOfSquares, long count) =>
        count < 2 ? null : new Sample(count, sum / count, Math.Max(0, (sumOfSquares - (sum * sum / count)) / (count - 1)));
}
