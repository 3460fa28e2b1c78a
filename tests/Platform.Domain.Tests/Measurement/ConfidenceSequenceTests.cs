using Platform.Domain.Campaigns;
using Platform.Domain.Measurement;

namespace Platform.Domain.Tests.Measurement;

public sealed class ConfidenceSequenceTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(10_000)]
    [InlineData(1_000_000)]
    public void TheAlwaysValidIntervalIsWiderThanTheFixedHorizonOneAndShrinksWithUsers(long users)
    {
        const double spread = 2.0;
        var fixedHalf = CampaignKpis.Z95 * spread / Math.Sqrt(users);
        var half = ConfidenceSequence.HalfWidth(spread / Math.Sqrt(users), users);
        var later = ConfidenceSequence.HalfWidth(spread / Math.Sqrt(users * 4), users * 4);

        Assert.InRange(half / fixedHalf, 1.1, 6); // widest far from the size it is tuned for
        Assert.True(later < half);
    }

    [Fact]
    public void AtItsTuningTheWidthMatchesThePublishedBoundary()
    {
        // ρ² = (−2 ln α + ln(−2 ln α + 1)) / n*, width at n* = σ √(2(n*ρ² + 1) / (n*²ρ²) · ln(√(n*ρ² + 1) / α)).
        const long n = ConfidenceSequence.TunedForUsers;
        var rho2 = (5.991464547107979 + Math.Log(6.991464547107979)) / n;
        var expected = Math.Sqrt(2 * ((n * rho2) + 1) / (n * (double)n * rho2) * Math.Log(Math.Sqrt((n * rho2) + 1) / 0.05));

        Assert.Equal(expected, ConfidenceSequence.HalfWidth(1 / Math.Sqrt(n), n), 12);
    }

    [Fact]
    public void SignificanceReadsWhetherTheIntervalExcludesZero()
    {
        Assert.Equal(Significance.Positive, SignificanceOf.Interval(new Estimate(1, 0.1, 2)));
        Assert.Equal(Significance.Negative, SignificanceOf.Interval(new Estimate(-1, -2, -0.1)));
        Assert.Equal(Significance.NotSignificant, SignificanceOf.Interval(new Estimate(0.1, -0.1, 0.3)));
        Assert.Equal(Significance.NotEnoughData, SignificanceOf.Interval(null));
    }
}
