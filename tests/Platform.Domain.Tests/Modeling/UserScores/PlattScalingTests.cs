using Platform.Domain.Modeling.UserScores;

namespace Platform.Domain.Tests.Modeling.UserScores;

public sealed class PlattScalingTests
{
    [Fact]
    public void RecoversTheScaleAndShiftThatGeneratedTheOutcomes()
    {
        var random = new Random(1);
        var logits = Enumerable.Range(0, 20_000).Select(_ => (random.NextDouble() * 8) - 4).ToList();
        var outcomes = logits.Select(l => random.NextDouble() < 1 / (1 + Math.Exp(-((0.5 * l) - 1)))).ToList();

        var fitted = PlattScaling.Fit(logits, outcomes);

        Assert.Equal(0.5, fitted.A, 1);
        Assert.Equal(-1.0, fitted.B, 1);
    }

    [Fact]
    public void OneSidedOutcomesKeepTheLogitsAsTheyAre()
    {
        Assert.Equal(PlattScaling.Identity, PlattScaling.Fit([0.1, 2.0], [true, true]));
        Assert.Equal(PlattScaling.Identity, PlattScaling.Fit([], []));
    }

    [Fact]
    public void SeparableOutcomesStayFinite()
    {
        var fitted = PlattScaling.Fit([-2, -1, 1, 2], [false, false, true, true]);

        Assert.True(double.IsFinite(fitted.A) && fitted.A > 1, fitted.ToString());
        Assert.True(fitted.Probability(2) > 0.9);
    }
}
