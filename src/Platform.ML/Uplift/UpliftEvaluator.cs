using Platform.Domain.Modeling;

namespace Platform.ML.Uplift;

/// <summary>Computes an <see cref="UpliftEvaluation"/> from a scorer's predictions for encoded rows.</summary>
public static class UpliftEvaluator
{
    /// <summary>
    /// Evaluates scores for the given rows: <paramref name="ownSide"/> is each row's predicted conversion chance on the side it
    /// was on; <paramref name="uplift"/> and <paramref name="revenueUplift"/> are its predicted effects under its campaign's design.
    /// </summary>
    public static UpliftEvaluation Of(UpliftData data, IReadOnlyList<int> rows, IReadOnlyList<double> ownSide, IReadOnlyList<double> uplift, IReadOnlyList<double>? revenueUplift)
    {
        var known = Enumerable.Range(0, rows.Count).Where(i => !float.IsNaN(data.Converted[rows[i]])).ToList();
        var outcomes = known.Select(i => data.Converted[rows[i]] > 0.5f).ToList();
        var probabilities = known.Select(i => ownSide[i]).ToList();
        var conversion = known.Select(i => new UpliftObservation(uplift[i], data.Treated[rows[i]] > 0.5f, data.Converted[rows[i]])).ToList();
        var withRevenue = revenueUplift is null ? [] : Enumerable.Range(0, rows.Count).Where(i => !float.IsNaN(data.Revenue[rows[i]])).ToList();
        var revenue = withRevenue.Select(i => new UpliftObservation(revenueUplift![i], data.Treated[rows[i]] > 0.5f, data.Revenue[rows[i]])).ToList();
        return new UpliftEvaluation(
            rows.Count,
            ClassificationMetrics.Auc(probabilities, outcomes),
            ClassificationMetrics.LogLoss(probabilities, outcomes),
            ClassificationMetrics.CalibrationError(probabilities, outcomes),
            UpliftMetrics.QiniCoefficient(conversion),
            UpliftMetrics.Auuc(conversion),
            conversion.Count == 0 ? double.NaN : UpliftMetrics.UpliftAt(conversion, 0.1),
            conversion.Count == 0 ? double.NaN : UpliftMetrics.UpliftAt(conversion, 0.3),
            revenue.Count == 0 ? double.NaN : UpliftMetrics.QiniCoefficient(revenue),
            UpliftMetrics.QiniCurvePoints(conversion),
            ClassificationMetrics.CalibrationCurve(probabilities, outcomes));
    }
}
