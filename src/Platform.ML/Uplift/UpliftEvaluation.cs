using Platform.Domain.Modeling;

namespace Platform.ML.Uplift;

/// <summary>
/// A scorer's figures on held-out users (docs/models.md#metrics): how well it predicts conversion on each row's own side,
/// and how well its uplift score ranks users by the offer's effect on conversion and on revenue.
/// </summary>
public sealed record UpliftEvaluation(
    int Rows,
    double Auc,
    double LogLoss,
    double CalibrationError,
    double Qini,
    double Auuc,
    double UpliftAt10,
    double UpliftAt30,
    double RevenueQini)
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
            revenue.Count == 0 ? double.NaN : UpliftMetrics.QiniCoefficient(revenue));
    }
}
