using Platform.Domain.Modeling;

namespace Platform.Domain.Tests.Modeling;

public sealed class IntervalCoverageTests
{
    [Fact]
    public void TheRangeIsTheCentral95PercentOfTheBinomial()
    {
        // binomial(18, 0.8): P(X ≤ 10) = 0.0163, P(X ≤ 11) = 0.0513; P(X ≥ 17) = 0.0991, P(X = 18) = 0.0180.
        Assert.Equal((11, 17), IntervalCoverage.Range(18, 0.8));
        // binomial(100, 0.95): 90 to 99 (P(X ≤ 89) = 0.0115, P(X = 100) = 0.0059).
        Assert.Equal((90, 99), IntervalCoverage.Range(100, 0.95));
    }

    [Theory]
    [InlineData(17, 18, 0.8, CoverageVerdict.Nominal)]
    [InlineData(18, 18, 0.8, CoverageVerdict.TooWide)]
    [InlineData(10, 18, 0.8, CoverageVerdict.TooNarrow)]
    [InlineData(18, 18, 0.95, CoverageVerdict.Nominal)] // 95% intervals of 18 checks: all holding is what honest ones do most often
    [InlineData(3, 3, 0.95, CoverageVerdict.Nominal)]
    public void ACountOutsideTheRangeIsTooNarrowOrTooWide(int covered, int checks, double nominal, CoverageVerdict verdict) =>
        Assert.Equal(verdict, IntervalCoverage.Judge(covered, checks, nominal));

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void ANominalRateOutsideZeroToOneIsRefused(double nominal) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IntervalCoverage.Range(10, nominal));
}
