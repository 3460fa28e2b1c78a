using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Tests.Campaigns;

namespace Platform.Domain.Tests.Decisions;

public sealed class DesignCoverageTests
{
    private static readonly CampaignDesign Ten = CampaignDesignRulesTests.Valid() with { Value = 10m };
    private static readonly CampaignDesign Twenty = CampaignDesignRulesTests.Valid() with { Value = 20m };

    [Fact]
    public void ADesignLikeOneThatRanRaisesNoWarning() =>
        Assert.Empty(DesignCoverage.Warnings(Twenty with { Name = "another" }, [Ten, Twenty]));

    [Fact]
    public void ADepthThatNeverRanOnItsChannelIsInterpolated()
    {
        Assert.Equal(["value 15 never ran as PERCENT_OFF on channel EMAIL (it ran at 10, 20): its effect is interpolated."], DesignCoverage.Warnings(Ten with { Value = 15m }, [Ten, Twenty]));
        Assert.True(DesignCoverage.IsOutside(Ten with { Value = 15m }, [Ten, Twenty]));
        var bySms = Ten with { Value = 15m, Channel = Channel.Sms };
        Assert.StartsWith("value 15 never ran as PERCENT_OFF on channel EMAIL (it ran at 10, 20)", Assert.Single(DesignCoverage.Warnings(Ten with { Value = 15m }, [Ten, Twenty, bySms]))); // 15 ran, but by SMS
        Assert.StartsWith("No PERCENT_OFF campaign on channel SMS", Assert.Single(DesignCoverage.Warnings(bySms, [Ten, Twenty, Ten with { Type = CampaignType.AmountOff, Channel = Channel.Sms }])));
        Assert.EndsWith("(it ran at 15): its effect is extrapolated.", Assert.Single(DesignCoverage.Warnings(bySms with { Value = 12m }, [Ten, Twenty, bySms])));
    }

    [Fact]
    public void ANewDepthTypeOrChannelIsNamed()
    {
        Assert.Equal(["value 35 is outside the PERCENT_OFF values the model learned from (10 to 20)."], DesignCoverage.Warnings(Ten with { Value = 35m }, [Ten, Twenty]));
        Assert.StartsWith("No AMOUNT_OFF campaign", Assert.Single(DesignCoverage.Warnings(Ten with { Type = CampaignType.AmountOff }, [Ten])));
        Assert.Equal("No campaign on channel SMS was among those the model learned from.", Assert.Single(DesignCoverage.Warnings(Ten with { Channel = Channel.Sms }, [Ten])));
    }

    [Fact]
    public void AVersionWithoutItsDesignsSaysItCannotTellAndWidensNothing()
    {
        Assert.Contains("does not record the designs", Assert.Single(DesignCoverage.Warnings(Ten, null)));
        Assert.False(DesignCoverage.IsOutside(Ten, null));
        Assert.True(DesignCoverage.IsOutside(Ten with { Value = 35m }, [Ten, Twenty]));
    }
}
