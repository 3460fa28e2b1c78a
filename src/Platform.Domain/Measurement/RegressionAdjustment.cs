using Platform.Domain.Campaigns;

namespace Platform.Domain.Measurement;

/// <summary>
/// A lift adjusted by pre-period covariates, with how much of the unadjusted variance it removed and which covariates it
/// used; <see cref="Note"/> says why it is absent or what was left out.
/// </summary>
public sealed record AdjustedLift(Estimate? Estimate, double? StandardError, double? VarianceReduction, IReadOnlyList<string> Used, string? Note);

/// <summary>
/// Lin's (2013) regression adjustment, the CUPED family's estimator with a slope per side: each side's outcome is regressed
/// on the covariates centred at both sides' mean, and the lift is the difference of the intercepts. Its variance is the
/// sides' residual variances over their sizes plus the part the slopes' difference adds for a new sample of users
/// (Negi and Wooldridge 2021): Var = σ²_e,t / n_t + σ²_e,c / n_c + (β_t − β_c)ᵀ Σ_x (β_t − β_c) / n. The same lift as the
/// treatment coefficient of the ordinary least squares fit Y ~ T + X̃ + T·X̃, computed from <see cref="ArmMoments"/> alone.
/// A covariate that does not vary within a side, or that other covariates already explain, is left out (said in the note).
/// </summary>
public static class RegressionAdjustment
{
    /// <summary>Below this many users on a side no adjusted (or always-valid) interval is given: the normal approximation is not yet trusted.</summary>
    public const int MinUsersPerSide = 30;

    // A covariate whose variance (or part not explained by the covariates before it) is below this share of its scale is left out.
    private const double Tolerance = 1e-9;

    public static AdjustedLift Lift(ArmMoments treatment, ArmMoments control, LiftMetric metric, IReadOnlyList<string> names)
    {
        if (treatment.Count < MinUsersPerSide || control.Count < MinUsersPerSide)
        {
            return new(null, null, null, [], $"Needs at least {MinUsersPerSide} users on each side (treatment {treatment.Count}, control {control.Count}).");
        }

        var y = treatment.OutcomeIndex(metric);
        var rawVariance = (treatment.Covariance(y, y) / treatment.Count) + (control.Covariance(y, y) / control.Count);
        if (rawVariance <= 0)
        {
            return new(null, null, null, [], "The outcome does not vary yet on either side.");
        }

        var pooled = treatment.Plus(control);
        var (used, left) = UsableCovariates(treatment, control, names.Count);
        var (muT, varT, betaT) = Side(treatment, pooled, y, used);
        var (muC, varC, betaC) = Side(control, pooled, y, used);
        var slopeGap = betaT.Zip(betaC, (a, b) => a - b).ToArray();
        var variance = (varT / treatment.Count) + (varC / control.Count) + (Quadratic(pooled, used, slopeGap) / pooled.Count);
        var standardError = Math.Sqrt(variance);
        var lift = muT - muC;
        var note = (used.Count, left.Count) switch
        {
            (0, 0) when names.Count == 0 => "No pre-period covariates: the unadjusted lift.",
            (0, _) => $"No covariate varies enough to adjust by ({string.Join(", ", left.Select(i => names[i]))}): the unadjusted lift.",
            (_, > 0) => $"Left out, not varying within a side or explained by the others: {string.Join(", ", left.Select(i => names[i]))}.",
            _ => null,
        };
        return new(
            new Estimate(lift, lift - (CampaignKpis.Z95 * standardError), lift + (CampaignKpis.Z95 * standardError)),
            standardError,
            1 - (variance / rawVariance),
            used.Select(i => names[i]).ToList(),
            note);
    }

    // The side's adjusted mean ȳ − βᵀ(x̄ − x̄_pooled), residual variance (with n − k − 1 degrees of freedom) and slopes.
    private static (double Mean, double ResidualVariance, double[] Slopes) Side(ArmMoments side, ArmMoments pooled, int y, IReadOnlyList<int> used)
    {
        var k = used.Count;
        var covariance = new double[k, k];
        var withOutcome = new double[k];
        for (var a = 0; a < k; a++)
        {
            withOutcome[a] = side.Covariance(used[a], y);
            for (var b = 0; b < k; b++)
            {
                covariance[a, b] = side.Covariance(used[a], used[b]);
            }
        }

        var slopes = Cholesky.Solve(covariance, withOutcome);
        var explained = slopes.Zip(withOutcome, (s, c) => s * c).Sum();
        var freedom = Math.Max(1, side.Count - k - 1);
        var residual = Math.Max(0, side.Covariance(y, y) - explained) * (side.Count - 1) / freedom;
        var mean = side.Mean(y) - used.Select((i, a) => slopes[a] * (side.Mean(i) - pooled.Mean(i))).Sum();
        return (mean, residual, slopes);
    }

    private static double Quadratic(ArmMoments pooled, IReadOnlyList<int> used, double[] vector)
    {
        var total = 0.0;
        for (var a = 0; a < used.Count; a++)
        {
            for (var b = 0; b < used.Count; b++)
            {
                total += vector[a] * pooled.Covariance(used[a], used[b]) * vector[b];
            }
        }

        return total;
    }

    // Covariates in their given order, each kept when it varies within both sides (against its own scale: a constant column
    // picks up rounding noise) and beyond what the kept ones explain.
    private static (List<int> Used, List<int> Left) UsableCovariates(ArmMoments treatment, ArmMoments control, int count)
    {
        var used = new List<int>();
        var left = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var candidate = used.Append(i).ToList();
            if (Varies(treatment, i) && Varies(control, i) && Cholesky.IsPositiveDefinite(CovarianceOf(treatment, candidate), Tolerance) && Cholesky.IsPositiveDefinite(CovarianceOf(control, candidate), Tolerance))
            {
                used.Add(i);
            }
            else
            {
                left.Add(i);
            }
        }

        return (used, left);
    }

    private static bool Varies(ArmMoments side, int i) =>
        side.Covariance(i, i) > Tolerance * side.Products[ArmMoments.ProductIndex(i, i, side.Sums.Count)] / side.Count;

    private static double[,] CovarianceOf(ArmMoments side, IReadOnlyList<int> indexes)
    {
        var matrix = new double[indexes.Count, indexes.Count];
        for (var a = 0; a < indexes.Count; a++)
        {
            for (var b = 0; b < indexes.Count; b++)
            {
                matrix[a, b] = side.Covariance(indexes[a], indexes[b]);
            }
        }

        return matrix;
    }
}
