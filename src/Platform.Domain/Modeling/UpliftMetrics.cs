namespace Platform.Domain.Modeling;

/// <summary>
/// How well a score ranks users by the effect of a treatment, measured on a randomized sample (docs/models.md#metrics).
/// Users are sorted by score, highest first; users with equal scores form one step, so the order among ties never
/// matters. At each cut k: Q(k) = Y_t(k) − Y_c(k) · N_t(k) / N_c(k), the outcome sums and counts of treated and
/// control users in the top k.
/// </summary>
public static class UpliftMetrics
{
    /// <summary>The Qini curve: (k, Q(k)) at 0 and at the end of each step of equal scores.</summary>
    public static IReadOnlyList<(int K, double Q)> QiniCurve(IReadOnlyList<UpliftObservation> observations)
    {
        var curve = new List<(int, double)> { (0, 0) };
        double yt = 0, yc = 0;
        int nt = 0, nc = 0;
        var sorted = observations.OrderByDescending(o => o.Score).ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            var o = sorted[i];
            if (o.Treated)
            {
                yt += o.Outcome;
                nt++;
            }
            else
            {
                yc += o.Outcome;
                nc++;
            }

            if (i + 1 == sorted.Count || sorted[i + 1].Score != o.Score)
            {
                curve.Add((i + 1, yt - (nc == 0 ? 0 : yc * nt / nc)));
            }
        }

        return curve;
    }

    /// <summary>
    /// The Qini curve at <paramref name="steps"/> + 1 evenly spaced shares of the users (0, 1/steps, …, 1), read between
    /// the curve's steps on straight lines, with Q(k) divided by n so that curves of one sample compare. Empty without users.
    /// </summary>
    public static IReadOnlyList<QiniPoint> QiniCurvePoints(IReadOnlyList<UpliftObservation> observations, int steps = 20)
    {
        var n = observations.Count;
        if (n == 0)
        {
            return [];
        }

        var curve = QiniCurve(observations);
        var points = new List<QiniPoint>(steps + 1);
        var at = 1;
        for (var step = 0; step <= steps; step++)
        {
            var k = (double)n * step / steps;
            while (at < curve.Count - 1 && curve[at].K < k)
            {
                at++;
            }

            var (k0, q0) = curve[at - 1];
            var (k1, q1) = curve[at];
            var q = k1 == k0 ? q1 : q0 + ((q1 - q0) * (k - k0) / (k1 - k0));
            points.Add(new QiniPoint((double)step / steps, q / n));
        }

        return points;
    }

    /// <summary>
    /// The Qini coefficient: the area between the Qini curve and the straight line from 0 to Q(n), divided by n²
    /// (trapezoids between steps). Positive when high scores find the users who respond; 0 for a random order.
    /// </summary>
    public static double QiniCoefficient(IReadOnlyList<UpliftObservation> observations)
    {
        var curve = QiniCurve(observations);
        var n = (double)observations.Count;
        if (n == 0)
        {
            return double.NaN;
        }

        var area = 0.0;
        for (var i = 1; i < curve.Count; i++)
        {
            area += (curve[i].K - curve[i - 1].K) * (curve[i].Q + curve[i - 1].Q) / 2;
        }

        var random = curve[^1].Q * n / 2;
        return (area - random) / (n * n);
    }

    /// <summary>
    /// The area under the uplift (cumulative gain) curve per user: the mean over cuts of (treated rate − control rate)
    /// in the top k × k / n, cuts at the steps of equal scores weighted by their width.
    /// </summary>
    public static double Auuc(IReadOnlyList<UpliftObservation> observations)
    {
        var n = observations.Count;
        if (n == 0)
        {
            return double.NaN;
        }

        double yt = 0, yc = 0, area = 0;
        int nt = 0, nc = 0, previous = 0;
        var sorted = observations.OrderByDescending(o => o.Score).ToList();
        for (var i = 0; i < n; i++)
        {
            var o = sorted[i];
            (yt, nt, yc, nc) = o.Treated ? (yt + o.Outcome, nt + 1, yc, nc) : (yt, nt, yc + o.Outcome, nc + 1);
            if (i + 1 == n || sorted[i + 1].Score != o.Score)
            {
                var gain = nt > 0 && nc > 0 ? ((yt / nt) - (yc / nc)) * (i + 1) / n : 0;
                area += gain * (i + 1 - previous);
                previous = i + 1;
            }
        }

        return area / n;
    }

    /// <summary>Among the top <paramref name="share"/> of users by score: treated outcome rate − control outcome rate (NaN without both sides).</summary>
    public static double UpliftAt(IReadOnlyList<UpliftObservation> observations, double share)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(share);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        var top = observations.OrderByDescending(o => o.Score).Take((int)Math.Ceiling(share * observations.Count)).ToList();
        var treated = top.Where(o => o.Treated).ToList();
        var control = top.Where(o => !o.Treated).ToList();
        return treated.Count == 0 || control.Count == 0 ? double.NaN : treated.Average(o => o.Outcome) - control.Average(o => o.Outcome);
    }
}
