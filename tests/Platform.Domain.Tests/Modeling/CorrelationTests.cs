using Platform.Domain.Modeling;

namespace Platform.Domain.Tests.Modeling;

public sealed class CorrelationTests
{
    [Fact]
    public void PearsonIsOneForALinearRelationAndMinusOneForItsMirror()
    {
        double[] x = [1, 2, 3, 4, 5];

        Assert.Equal(1, Correlation.Pearson(x, x.Select(v => (3 * v) + 2).ToArray()), 12);
        Assert.Equal(-1, Correlation.Pearson(x, x.Select(v => -v).ToArray()), 12);
    }

    [Fact]
    public void PearsonMatchesAHandComputedValue() =>
        // x = 1..4, y = 2, 1, 4, 3: covariance 3, variances 5 and 5 → 0.6.
        Assert.Equal(0.6, Correlation.Pearson([1, 2, 3, 4], [2, 1, 4, 3]), 12);

    [Fact]
    public void SpearmanSeesOnlyTheOrderAndGivesTiesTheirAverageRank()
    {
        Assert.Equal(1, Correlation.Spearman([1, 2, 3, 4], [1, 10, 100, 1000]), 12);
        // Ranks of y = 1, 1, 2 are 0.5, 0.5, 2: Pearson of (0, 1, 2) and (0.5, 0.5, 2) = 0.866…
        Assert.Equal(Math.Sqrt(3) / 2, Correlation.Spearman([1, 2, 3], [5, 5, 9]), 12);
    }
}
