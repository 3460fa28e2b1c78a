using Platform.Domain.Measurement;

namespace Platform.Domain.Tests.Measurement;

public sealed class DetectionTests
{
    [Theory]
    [InlineData(0.5, 0.02)]
    [InlineData(40.0, 1.5)]
    [InlineData(1.0, -0.3)]
    public void TheUsersNeededAreTheFewestAtWhichTheEffectIsDetectable(double spread, double effect)
    {
        var needed = Detection.UsersNeeded(spread, effect)!.Value;

        Assert.True(Detection.MinimumDetectableEffect(spread, needed) <= Math.Abs(effect));
        Assert.True(Detection.MinimumDetectableEffect(spread, needed - 1) > Math.Abs(effect));
    }

    [Fact]
    public void HalfTheEffectNeedsAboutFourTimesTheUsers()
    {
        var full = Detection.UsersNeeded(1, 0.02)!.Value;
        var half = Detection.UsersNeeded(1, 0.01)!.Value;

        Assert.InRange(half / (double)full, 3.5, 5); // 4× and a little more: the always-valid width grows with log n
    }

    [Fact]
    public void NoEffectOrNoSpreadIsNeverDetected()
    {
        Assert.Null(Detection.UsersNeeded(1, 0));
        Assert.Null(Detection.UsersNeeded(0, 0.1));
    }

    [Fact]
    public void ASmallerHoldoutSpreadsTheControlSideThinner()
    {
        var even = Detection.ConversionSpread(0.11, 0.10, 0.5);
        var tenth = Detection.ConversionSpread(0.11, 0.10, 0.1);

        Assert.Equal(Math.Sqrt((0.11 * 0.89 / 0.5) + (0.1 * 0.9 / 0.5)), even, 12);
        Assert.True(tenth > even * 1.5);
    }
}
