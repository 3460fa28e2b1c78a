using Platform.Domain.Models;

namespace Platform.Domain.Tests.Modeling;

public sealed class PromotionRuleTests
{
    private static readonly Guid Active = Guid.Parse("0193f2d0-1a2b-7c3d-8e4f-5a6b7c8d9e0f");

    [Fact]
    public void TheFirstVersionBecomesActive() =>
        Assert.Equal((true, "ACTIVE: the tenant's first users version."), PromotionRule.Decide("users", "propensity AUC", 0.6, null, 0));

    [Theory]
    [InlineData(0.70, 0.65, 0.0, true)]
    [InlineData(0.70, 0.70, 0.0, false)] // equal does not beat
    [InlineData(0.70, 0.68, 0.05, false)] // better, but not by the margin
    [InlineData(0.70, double.NaN, 0.0, true)] // the ACTIVE one could not be scored
    public void ALaterVersionMustBeatTheActiveOneByTheMargin(double value, double active, double margin, bool activates)
    {
        var (activate, reason) = PromotionRule.Decide("uplift", "Qini", value, (Active, active), margin);

        Assert.Equal(activates, activate);
        Assert.StartsWith(activates ? "ACTIVE: Qini 0.70000" : "CANDIDATE: Qini 0.70000", reason);
        Assert.Contains(Active.ToString(), reason);
    }

    [Theory]
    [InlineData(0.01, true, false, true)] // a worse Qini: order values win
    [InlineData(0.01, true, null, false)] // the ACTIVE one could not be read: the Qini decides
    [InlineData(0.01, false, false, false)]
    [InlineData(0.01, true, true, false)]
    [InlineData(double.NaN, true, false, false)] // a Qini that could not be computed stays a candidate
    public void AnUpliftVersionWithOrderValuesReplacesOneWithoutWhateverTheQini(double qini, bool hasOrderValues, bool? activeHasOrderValues, bool gains)
    {
        var (activate, reason) = PromotionRule.DecideUplift(qini, (Active, 0.05), 0, hasOrderValues, activeHasOrderValues);

        Assert.Equal(gains, activate);
        Assert.Equal(gains, reason == $"ACTIVE: it learned order values, and ACTIVE version {Active} has none (its money figures read 0).");
        Assert.Equal((true, "ACTIVE: the tenant's first uplift version."), PromotionRule.DecideUplift(qini, null, 0, hasOrderValues, null));
    }

    [Fact]
    public void AFigureThatCouldNotBeComputedStaysACandidate() =>
        Assert.Equal(
            (false, "CANDIDATE: its Qini could not be computed on the held-out users."),
            PromotionRule.Decide("uplift", "Qini", double.NaN, (Active, 0.1), 0));
}
