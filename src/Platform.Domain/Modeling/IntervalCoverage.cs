namespace Platform.Domain.Modeling;

/// <summary>How many of some intervals held their truth, against what intervals of that nominal rate would hold.</summary>
public enum CoverageVerdict
{
    /// <summary>Within the central 95% of what honest intervals would give.</summary>
    Nominal,

    /// <summary>Fewer held it than honest intervals would: they are too narrow.</summary>
    TooNarrow,

    /// <summary>More held it than honest intervals would: they are too wide.</summary>
    TooWide,
}

/// <summary>
/// Judges an interval's coverage over a few checks: with n intervals of nominal rate p, the number holding the truth is
/// binomial(n, p) when they are honest; a count outside its central 95% range says they are too narrow or too wide. With
/// few checks the range is broad, so only a clear miss is called.
/// </summary>
public static class IntervalCoverage
{
    public static CoverageVerdict Judge(int covered, int checks, double nominal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(covered);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(covered, checks);
        var (low, high) = Range(checks, nominal);
        return covered < low ? CoverageVerdict.TooNarrow : covered > high ? CoverageVerdict.TooWide : CoverageVerdict.Nominal;
    }

    /// <summary>The central 95% range of binomial(n, p): the smallest and largest counts with at least 2.5% in their tail.</summary>
    public static (int Low, int High) Range(int n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (p is not (> 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A nominal rate is between 0 and 1, both excluded.");
        }

        var probabilities = Enumerable.Range(0, n + 1).Select(k => Math.Exp(LogChoose(n, k) + (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p)))).ToArray();
        var (low, below) = (0, probabilities[0]);
        while (below <= 0.025 && low < n)
        {
            below += probabilities[++low];
        }

        var (high, above) = (n, probabilities[n]);
        while (above <= 0.025 && high > 0)
        {
            above += probabilities[--high];
        }

        return (low, high);
    }

    private static double LogChoose(int n, int k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

    private static double LogFactorial(int n) => Enumerable.Range(2, Math.Max(0, n - 1)).Sum(i => Math.Log(i));
}
