using Platform.Abstractions;
using Platform.Abstractions.Campaigns;
using Platform.Domain.Campaigns;
using Platform.Domain.Errors;
using Platform.Storage.Campaigns;

namespace Platform.Grains.Tests;

/// <summary>The campaign grain owns a campaign's lifecycle and budget; its stored row is what a new activation reads.</summary>
public sealed class CampaignGrainTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task ALaunchedCampaignRunsPausesResumesAndEndsAndANewActivationReadsIt()
    {
        var grain = Campaign("life");
        Assert.NotNull((await grain.CreateAsync(Design())).Campaign);

        var launched = await grain.LaunchAsync();
        var paused = await grain.PauseAsync();
        var pausedAgain = await grain.PauseAsync();
        var resumed = await grain.ResumeAsync();
        await cluster.DeactivateAllAsync();
        var ended = await Campaign("life").EndAsync();

        Assert.Equal(CampaignStatus.Running, launched.Campaign?.Status);
        Assert.Equal((CampaignStatus.Paused, PauseReason.Merchant), (paused.Campaign?.Status, paused.Campaign?.PauseReason));
        Assert.Equal(ErrorCodes.IllegalTransition, pausedAgain.Code);
        Assert.Equal(CampaignStatus.Running, resumed.Campaign?.Status);
        Assert.Equal(CampaignStatus.Ended, ended.Campaign?.Status);
        Assert.Equal(CampaignStatus.Ended, (await new CampaignStore(cluster.Database.DataSource).GetAsync("grains", "life"))?.Status);
    }

    [Fact]
    public async Task RedemptionsCountUntilTheBudgetIsSpentThenTheCampaignPauses()
    {
        var grain = Campaign("budget");
        await grain.CreateAsync(Design() with { Budget = 10m });
        await grain.LaunchAsync();

        var first = await grain.ChargeAsync("r1", 6m);
        var second = await grain.ChargeAsync("r2", 6m);
        var third = await grain.ChargeAsync("r3", 1m);
        var secondAgain = await grain.ChargeAsync("r2", 6m);
        var campaign = await new CampaignStore(cluster.Database.DataSource).GetAsync("grains", "budget");

        Assert.Equal((true, true, false, true), (first, second, third, secondAgain));
        Assert.Equal((CampaignStatus.Paused, PauseReason.BudgetSpent), (campaign?.Status, campaign?.PauseReason));
        Assert.Equal(ErrorCodes.IllegalTransition, (await grain.ResumeAsync()).Code);
    }

    [Fact]
    public async Task AnInvalidDesignIsRefusedWithEveryBrokenRule()
    {
        var result = await Campaign("invalid").CreateAsync(Design() with { Name = "", HoldoutShare = 0.9 });

        Assert.Null(result.Campaign);
        Assert.Equal(["holdoutShare", "name"], result.Violations!.Select(v => v.Field).Order());
    }

    private ICampaignGrain Campaign(string id) => cluster.Grains.GetGrain<ICampaignGrain>(GrainKeys.Campaign("grains", id));

    private static CampaignDesign Design() => new("Boots 20%", CampaignType.PercentOff, 20m, Channel.Email, Now.AddMinutes(-1), Now.AddDays(7));
}
