namespace Platform.ML.Tests;

public static class Correlation
{
    public static double Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var (ma, mb) = (a.Average(), b.Average());
        var covariance = a.Zip(b).Sum(p => (p.First - ma) * (p.Second - mb));
        return covariance / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(y => (y - mb) * (y - mb)));
    }
}
