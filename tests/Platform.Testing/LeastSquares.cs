namespace Platform.Testing;

/// <summary>
/// An independent check of regression adjustment: ordinary least squares by the normal equations, solved by Gauss-Jordan
/// elimination with partial pivoting, over the rows themselves (not over moments as the platform computes them).
/// </summary>
public static class LeastSquares
{
    /// <summary>The treatment coefficient of Y ~ 1 + T + X̃ + T·X̃, X̃ the covariates centred at the mean of all rows: Lin's lift.</summary>
    public static double InteractedTreatmentEffect(IReadOnlyList<(bool Treated, double[] X, double Y)> rows)
    {
        var k = rows[0].X.Length;
        var means = Enumerable.Range(0, k).Select(j => rows.Average(r => r.X[j])).ToArray();
        var design = rows.Select(r =>
        {
            var centred = r.X.Select((x, j) => x - means[j]).ToArray();
            double t = r.Treated ? 1 : 0;
            return new[] { 1, t }.Concat(centred).Concat(centred.Select(c => t * c)).ToArray();
        }).ToArray();
        return Fit(design, rows.Select(r => r.Y).ToArray())[1];
    }

    public static double[] Fit(double[][] x, double[] y)
    {
        var p = x[0].Length;
        var a = new double[p, p + 1];
        for (var i = 0; i < x.Length; i++)
        {
            for (var r = 0; r < p; r++)
            {
                for (var c = 0; c < p; c++)
                {
                    a[r, c] += x[i][r] * x[i][c];
                }

                a[r, p] += x[i][r] * y[i];
            }
        }

        for (var col = 0; col < p; col++)
        {
            var pivot = Enumerable.Range(col, p - col).MaxBy(r => Math.Abs(a[r, col]));
            for (var c = 0; c <= p; c++)
            {
                (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            }

            for (var r = 0; r < p; r++)
            {
                if (r != col)
                {
                    var factor = a[r, col] / a[col, col];
                    for (var c = col; c <= p; c++)
                    {
                        a[r, c] -= factor * a[col, c];
                    }
                }
            }
        }

        return Enumerable.Range(0, p).Select(r => a[r, p] / a[r, r]).ToArray();
    }
}
