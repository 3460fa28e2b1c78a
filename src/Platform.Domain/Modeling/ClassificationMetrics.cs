namespace Platform.Domain.Modeling;

/// <summary>How well predicted probabilities fit binary outcomes (docs/models.md#metrics).</summary>
public static class ClassificationMetrics
{
    private const double Epsilon = 1e-7;

    /// <summary>
    /// The area under the ROC curve: the chance that a random positive scores above a random negative, ties counting
    /// half (Mann-Whitney with average ranks). NaN when one class is absent.
    /// </summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> outcomes)
    {
        Check(scores, outcomes);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[scores.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            var averageRank = ((start + end) / 2.0) + 1;
            for (var i = start; i <= end; i++)
            {
                ranks[order[i]] = averageRank;
            }

            start = end + 1;
        }

        var positives = outcomes.Count(o => o);
        var negatives = outcomes.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        var rankSum = Enumerable.Range(0, ranks.Length).Where(i => outcomes[i]).Sum(i => ranks[i]);
        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>The mean negative log-likelihood, probabilities clipped to [1e-7, 1 − 1e-7].</summary>
    public static double LogLoss(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes)
    {
        Check(probabilities, outcomes);
        var total = 0.0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            var p = Math.Clamp(probabilities[i], Epsilon, 1 - Epsilon);
            total -= outcomes[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        return probabilities.Count == 0 ? double.NaN : total / probabilities.Count;
    }

    /// <summary>
    /// Expected calibration error: over <paramref name="bins"/> equal-width probability bins, the row-weighted mean of
    /// |mean predicted − observed rate|.
    /// </summary>
    public static double CalibrationError(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes, int bins = 10)
    {
        Check(probabilities, outcomes);
        return probabilities.Count == 0 ? double.NaN : CalibrationCurve(probabilities, outcomes, bins).Sum(b => b.Rows * Math.Abs(b.MeanPredicted - b.ObservedRate)) / probabilities.Count;
    }

    /// <summary>The reliability diagram's points: for each non-empty bin, its rows, mean prediction and observed rate.</summary>
    public static IReadOnlyList<CalibrationBin> CalibrationCurve(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes, int bins = 10)
    {
        Check(probabilities, outcomes);
        return Enumerable.Range(0, probabilities.Count)
            .GroupBy(i => Math.Min(bins - 1, (int)(Math.Clamp(probabilities[i], 0, 1) * bins)))
            .OrderBy(g => g.Key)
            .Select(g => new CalibrationBin(g.Count(), g.Average(i => probabilities[i]), g.Average(i => outcomes[i] ? 1.0 : 0.0)))
            .ToList();
    }

    private static void Check<T>(IReadOnlyList<double> scores, IReadOnlyList<T> outcomes)
    {
        if (scores.Count != outcomes.Count)
        {
            throw new ArgumentException("Scores and outcomes must have the same length.", nameof(outcomes));
        }
    }
}
