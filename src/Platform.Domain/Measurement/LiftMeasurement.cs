using System.Text.Json.Serialization;
using Platform.Domain.Campaigns;

namespace Platform.Domain.Measurement;

/// <summary>
/// One outcome's lift measured three ways (docs/measurement.md): <see cref="Unadjusted"/> (difference of means, fixed-horizon
/// 95%), <see cref="Adjusted"/> by pre-period covariates (fixed-horizon 95%), and <see cref="AlwaysValid"/>, the confidence
/// sequence around the default estimate (<see cref="Estimate"/>: the adjusted one where there is one) that may be read at
/// any time. <see cref="Significance"/> reads the always-valid interval. <see cref="MinimumDetectableEffect"/> is the
/// smallest lift the always-valid interval would detect with 80% power at the current sizes.
/// </summary>
public sealed record LiftMeasurement(
    LiftMetric Metric,
    Estimate? Estimate,
    Estimate? Unadjusted,
    Estimate? Adjusted,
    double? VarianceReduction,
    IReadOnlyList<string> Covariates,
    Estimate? AlwaysValid,
    Significance Significance,
    double? MinimumDetectableEffect,
    double? SpreadPerUser,
    string? Note)
{
    /// <summary>By value, the covariates' names included (KPI updates are published only when they changed).</summary>
    public bool Equals(LiftMeasurement? other) =>
        other is not null && Metric == other.Metric && Estimate == other.Estimate && Unadjusted == other.Unadjusted && Adjusted == other.Adjusted
        && VarianceReduction == other.VarianceReduction && Covariates.SequenceEqual(other.Covariates) && AlwaysValid == other.AlwaysValid
        && Significance == other.Significance && MinimumDetectableEffect == other.MinimumDetectableEffect && SpreadPerUser == other.SpreadPerUser && Note == other.Note;

    public override int GetHashCode() => HashCode.Combine(Metric, Estimate, Adjusted, AlwaysValid, Covariates.Count);

    public static LiftMeasurement Of(LiftMetric metric, Estimate? unadjusted, ArmMoments treatment, ArmMoments control, IReadOnlyList<string> names)
    {
        var adjustment = RegressionAdjustment.Lift(treatment, control, metric, names);
        if (adjustment.StandardError is not { } standardError || adjustment.Estimate is not { } estimate)
        {
            return new(metric, unadjusted, unadjusted, null, null, [], null, Significance.NotEnoughData, null, null, adjustment.Note);
        }

        var adjusted = adjustment.Used.Count > 0 ? estimate : null;
        var chosen = adjusted ?? unadjusted ?? estimate;
        var users = treatment.Count + control.Count;
        var alwaysValid = ConfidenceSequence.Around(chosen.Value, standardError, users);
        var spread = standardError * Math.Sqrt(users);
        return new(
            metric,
            chosen,
            unadjusted,
            adjusted,
            adjusted is null ? null : adjustment.VarianceReduction,
            adjustment.Used,
            alwaysValid,
            SignificanceOf.Interval(alwaysValid),
            Detection.MinimumDetectableEffect(spread, users),
            spread,
            adjustment.Note);
    }
}

/// <summary>The three outcomes' measurements of a campaign.</summary>
public sealed record KpiMeasurement(LiftMeasurement ConversionRate, LiftMeasurement PurchasesPerUser, LiftMeasurement RevenuePerUser)
{
    [JsonIgnore]
    public IReadOnlyList<LiftMeasurement> All => [ConversionRate, PurchasesPerUser, RevenuePerUser];

    public LiftMeasurement this[LiftMetric metric] => metric switch
    {
        LiftMetric.ConversionRate => ConversionRate,
        LiftMetric.PurchasesPerUser => PurchasesPerUser,
        _ => RevenuePerUser,
    };
}
