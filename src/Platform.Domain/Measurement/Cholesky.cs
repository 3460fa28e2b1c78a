namespace Platform.Domain.Measurement;

/// <summary>Symmetric positive-definite systems, small enough (a handful of covariates) for a plain Cholesky factorization.</summary>
public static class Cholesky
{
    /// <summary>
    /// Whether every pivot stays above <paramref name="tolerance"/> times its diagonal entry: no variable is (nearly) constant
    /// or (nearly) a combination of the ones before it.
    /// </summary>
    public static bool IsPositiveDefinite(double[,] matrix, double tolerance) => Factor(matrix, tolerance) is not null;

    /// <summary>x with A·x = b; A must be positive definite (see <see cref="IsPositiveDefinite"/>).</summary>
    public static double[] Solve(double[,] matrix, double[] right)
    {
        var n = right.Length;
        var lower = Factor(matrix, 0) ?? throw new ArgumentException("The matrix is not positive definite.", nameof(matrix));
        var forward = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = right[i];
            for (var j = 0; j < i; j++)
            {
                sum -= lower[i, j] * forward[j];
            }

            forward[i] = sum / lower[i, i];
        }

        var solution = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = forward[i];
            for (var j = i + 1; j < n; j++)
            {
                sum -= lower[j, i] * solution[j];
            }

            solution[i] = sum / lower[i, i];
        }

        return solution;
    }

    private static double[,]? Factor(double[,] matrix, double tolerance)
    {
        var n = matrix.GetLength(0);
        var lower = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = matrix[i, j];
                for (var m = 0; m < j; m++)
                {
                    sum -= lower[i, m] * lower[j, m];
                }

                if (i == j)
                {
                    if (!(sum > tolerance * Math.Abs(matrix[i, i])) || !(sum > 0) || !double.IsFinite(sum))
                    {
                        return null;
                    }

                    lower[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    lower[i, j] = sum / lower[j, j];
                }
            }
        }

        return lower;
    }
}
