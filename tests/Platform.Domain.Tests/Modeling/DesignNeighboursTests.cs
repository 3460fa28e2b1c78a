using Platform.Domain.Campaigns;
using Platform.Domain.Modeling;

namespace Platform.Domain.Tests.Modeling;

public sealed class DesignNeighboursTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly CampaignDesign TenPercentByEmail = new("ten", CampaignType.PercentOff, 10m, Channel.Email, Start, Start.AddDays(14), AttributionWindowDays: 14);
    private static readonly CampaignDesign TwentyPercentByEmail = TenPercentByEmail with { Name = "twenty", Value = 20m };
    private static readonly CampaignDesign FreeShippingByPush = new("ship", CampaignType.FreeShipping, null, Channel.Push, Start, Start.AddDays(7));
    private static readonly DesignNeighbours Learned = new([TenPercentByEmail, TwentyPercentByEmail, FreeShippingByPush], campaigns: 3);

    [Fact]
    public void ALearnedCampaignIsItsOwnLevel()
    {
        Assert.Equal([0f, 1f, 0f, 0f], Learned.LevelWeights(TwentyPercentByEmail, campaignIndex: 1));
    }

    [Fact]
    public void ADepthBetweenTwoArmsTakesTheirLevelsAndLittleOfTheRest()
    {
        var weights = Learned.LevelWeights(TenPercentByEmail with { Value = 15m }, campaignIndex: null);

        Assert.Equal(1, weights.Sum(), 5);
        Assert.Equal(weights[0], weights[1], 5); // equally far from 10% and 20%
        Assert.True(weights[0] + weights[1] > 0.8, string.Join(", ", weights));
        Assert.True(weights[2] < weights[3], "another type on another channel weighs less than the average campaign");
    }

    [Fact]
    public void ADesignFarFromEveryCampaignTakesMostlyTheAverage()
    {
        var farAway = new CampaignDesign("points", CampaignType.PointsMultiplier, 5m, Channel.Sms, Start, Start.AddDays(30), CategoryIds: ["shoes"], ThemeTags: ["summer"]);

        var weights = Learned.LevelWeights(farAway, campaignIndex: null);

        Assert.True(weights[3] > 0.8, string.Join(", ", weights));
    }

    [Fact]
    public void TheSameDesignAsALearnedCampaignWeighsItAsOneAgainstTheAverageAtDistanceOne()
    {
        var weights = new DesignNeighbours([FreeShippingByPush], campaigns: 1).LevelWeights(FreeShippingByPush with { Name = "again" }, campaignIndex: null);

        Assert.Equal(1 / (1 + Math.Exp(-DesignNeighbours.AverageDistanceSquared)), weights[0], 5);
    }

    [Fact]
    public void EveryMemberTakesALearnedCampaignsOwnLevel()
    {
        Assert.All(Learned.MemberWeights(TwentyPercentByEmail, campaignIndex: 1, members: 3), w => Assert.Equal([0f, 1f, 0f, 0f], w));
    }

    [Fact]
    public void MembersSpreadANewDesignsLevelOverItsNeighboursAroundTheMix()
    {
        var design = TenPercentByEmail with { Value = 15m };
        var weights = Learned.LevelWeights(design, campaignIndex: null); // the two arms about 0.42 each, the average about 0.16

        var members = Learned.MemberWeights(design, campaignIndex: null, members: 5);

        // Their mean is the mix, each sums to 1, and each leans to one level: two members to each arm's, one to the
        // average's (the running sum at 0.1, 0.3, 0.5, 0.7 and 0.9).
        for (var level = 0; level < weights.Length; level++)
        {
            Assert.Equal(weights[level], members.Average(w => w[level]), 5);
        }

        Assert.All(members, w => Assert.Equal(1, w.Sum(), 5));
        Assert.Equal([0, 0, 1, 1, 3], members.Select(w => Lean(w, weights)));
    }

    [Fact]
    public void OneMemberTakesTheMix()
    {
        var design = TenPercentByEmail with { Value = 15m };

        Assert.Equal(Learned.LevelWeights(design, campaignIndex: null), Assert.Single(Learned.MemberWeights(design, campaignIndex: null, members: 1)));
    }

    // The level a member's weights lean to: where they exceed the mix most.
    private static int Lean(float[] member, float[] mix)
    {
        var differences = member.Zip(mix, (a, b) => a - b).ToList();
        return differences.IndexOf(differences.Max());
    }

    [Fact]
    public void WithoutTheLearnedDesignsANewDesignGetsTheAverage()
    {
        Assert.Equal([0f, 0f, 1f], new DesignNeighbours(null, campaigns: 2).LevelWeights(TenPercentByEmail, campaignIndex: null));
    }
}
