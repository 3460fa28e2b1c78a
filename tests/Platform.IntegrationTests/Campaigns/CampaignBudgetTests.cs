using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Campaigns;

/// <summary>A burst of redemptions runs a campaign's budget out: cost passes the budget by at most one order's discount, and the campaign pauses.</summary>
public sealed class CampaignBudgetTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string Read = "query($id: ID!) { campaign(id: $id) { status pauseReason kpis { redemptions redemptionsOverBudget discountCost budgetLeft } } }";

    [Fact]
    public async Task ABurstOfRedemptionsStopsAtTheBudget()
    {
        var (_, merchant) = await platform.CreateTenantAsync("budget");
        var now = DateTimeOffset.UtcNow;
        var design = CampaignApiTests.Design(now.AddHours(-1), now.AddDays(2), new { holdoutShare = 0, budget = 50 });
        var id = (await platform.Http.FieldAsync(merchant, CampaignApiTests.Create, new { d = design }, "createCampaign")).GetProperty("id").GetString();
        await platform.Http.FieldAsync(merchant, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id }, "launchCampaign");

        var at = DateTimeOffset.UtcNow;
        object Redeem(int i) => new { eventId = $"r{i}", userId = $"b{i}", type = "COUPON_REDEEM", occurredAt = at.ToString("O"), campaignId = id, amount = 7m, currency = "EUR" };
        await Task.WhenAll(
            platform.Http.PostAsync(merchant, Events.Ingest, new { events = Enumerable.Range(0, 10).Select(Redeem).ToArray() }),
            platform.Http.PostAsync(merchant, Events.Ingest, new { events = Enumerable.Range(10, 10).Select(Redeem).ToArray() }));

        var campaign = await Eventually.ReadUntilAsync(() => platform.Http.FieldAsync(merchant, Read, new { id }, "campaign"), c => c.GetProperty("kpis").GetProperty("redemptions").GetInt32() + c.GetProperty("kpis").GetProperty("redemptionsOverBudget").GetInt32() == 20);
        var kpis = campaign.GetProperty("kpis");
        Assert.Equal((8, 12, 56m, -6m), (kpis.GetProperty("redemptions").GetInt32(), kpis.GetProperty("redemptionsOverBudget").GetInt32(),
            kpis.GetProperty("discountCost").GetDecimal(), kpis.GetProperty("budgetLeft").GetDecimal())); // the 8th passes 50 by its own 7
        Assert.Equal(("PAUSED", "BUDGET_SPENT"), (campaign.GetProperty("status").GetString(), campaign.GetProperty("pauseReason").GetString()));

        Assert.Equal(["ILLEGAL_TRANSITION"], (await platform.Http.PostAsync(merchant, "mutation($id: ID!) { resumeCampaign(id: $id) { status } }", new { id })).ErrorCodes);
        await platform.Http.FieldAsync(merchant, "mutation($id: ID!) { updateCampaign(id: $id, changes: { budget: 100 }) { status } }", new { id }, "updateCampaign");
        var resumed = await platform.Http.FieldAsync(merchant, "mutation($id: ID!) { resumeCampaign(id: $id) { status } }", new { id }, "resumeCampaign");
        Assert.Equal("RUNNING", resumed.GetProperty("status").GetString());
    }
}
