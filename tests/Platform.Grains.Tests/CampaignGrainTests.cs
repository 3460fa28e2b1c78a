using Platform.Abstractions;
using Platform.Abstractions.Campaigns;
using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Webhooks;
using Platform.Storage.Webhooks;
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

    [Fact]
    public async Task ACampaignOutsideItsForecastForTheConfiguredHoursAlertsOnceByWebhookInItsUpdateAndOnItsTracking()
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = "grains";
        var design = Design() with { StartsAt = now.AddHours(-6) };
        var store = new CampaignStore(cluster.Database.DataSource);
        await store.InsertAsync(tenant, new Campaign("alerting", design, CampaignStatus.Running, CampaignSource.Designed, now.AddHours(-6), now.AddHours(-5), LaunchedAt: now.AddHours(-5)));
        // The forecast: 5 incremental conversions over 100 treated users; after hours of a 7-day window, a lift near 0.
        var figure = ForecastFigure.Normal(5, 1);
        await new CampaignForecastStore(cluster.Database.DataSource).SaveAsync(tenant, "alerting", new StoredForecast(
            Guid.NewGuid(), new CampaignForecast(110, 100, figure, figure, figure, figure, figure, figure, figure, null, 1, null, [], []), [], now.AddHours(-5)));
        // Measured: half the treated users bought against a tenth of the control: far above the forecast.
        var outcomes = new CampaignOutcomeStore(cluster.Database.DataSource);
        await outcomes.UpsertAsync(Enumerable.Range(0, 80).Select(i => new EnrollmentRow(
            tenant, $"u{i}", new CampaignEnrollment("alerting", i < 40 ? CampaignArm.Treatment : CampaignArm.Control, now.AddHours(-4), 7,
                WindowPurchases: (i < 40 ? i % 2 == 0 : i % 10 == 0) ? 1 : 0), 1, now)).ToList());
        var campaign = await store.GetAsync(tenant, "alerting") ?? throw new InvalidOperationException();
        var sides = await outcomes.TotalsAsync(tenant, campaign);
        var history = new KpiHistoryStore(cluster.Database.DataSource);
        // An hour ago, and the hour of the update the grain records before it checks: two hours, the cluster's AlertAfterHours.
        await history.RecordAsync(tenant, "alerting", now.AddHours(-1), sides.Kpis(campaign.Design));

        var webhooks = new WebhookStore(cluster.Database.DataSource);
        var webhook = await webhooks.CreateAsync(tenant, "https://example.com/hook", [WebhookEvent.CampaignAlert], ["alerting"], new string('s', 32));

        var partner = new KpiUpdates();
        await Campaign("alerting").SubscribeAsync(cluster.Grains.CreateObjectReference<ICampaignKpiObserver>(partner));

        // OutcomesChangedAsync is one-way: wait for what it does.
        await Campaign("alerting").OutcomesChangedAsync();
        var delivery = await ReadUntilAsync(() => webhooks.DeliveriesAsync(tenant, webhook!.Id, 10, null), d => d.Count > 0);
        var announced = await ReadUntilAsync(() => Task.FromResult(partner.Received.ToArray()), u => u.Any(x => x.Alert is not null));
        Assert.Equal(TrackingStatus.Above, announced.Single(u => u.Alert is not null).Alert!.Direction); // the campaignKpis message of that update
        var tracking = await new CampaignTrackingReader(new CampaignForecastStore(cluster.Database.DataSource), history)
            .TrackAsync(tenant, (await store.GetAsync(tenant, "alerting"))!, DateTimeOffset.UtcNow, GrainCluster.AlertAfterHours);
        Assert.Equal((true, announced.Single(u => u.Alert is not null).Alert!.Since), (tracking!.Alert, tracking.AlertSince!.Value)); // campaign.tracking
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // past the KPI interval
        await cluster.DeactivateAllAsync();
        await Campaign("alerting").OutcomesChangedAsync(); // a new activation finds the same run: announced already
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Single(await webhooks.DeliveriesAsync(tenant, webhook!.Id, 10, null));
        Assert.Equal(WebhookEvent.CampaignAlert, delivery[0].Event);
        var payload = System.Text.Json.JsonDocument.Parse(delivery[0].Payload).RootElement;
        Assert.Equal(("CAMPAIGN_ALERT", "alerting"), (payload.GetProperty("event").GetString(), payload.GetProperty("campaignId").GetString()));
        var alert = payload.GetProperty("alert");
        Assert.Equal("ABOVE", alert.GetProperty("direction").GetString());
        Assert.Equal(GrainCluster.AlertAfterHours, alert.GetProperty("hours").GetInt32());
        Assert.True(alert.GetProperty("actual").GetProperty("low").GetDouble() > alert.GetProperty("expected").GetProperty("high95").GetDouble());
    }

    private static async Task<T> ReadUntilAsync<T>(Func<Task<T>> read, Func<T, bool> holds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var value = await read();
        while (!holds(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            value = await read();
        }

        Assert.True(holds(value), $"still not so after 20 s: {value}");
        return value;
    }

    private sealed class KpiUpdates : ICampaignKpiObserver
    {
        public System.Collections.Concurrent.ConcurrentQueue<CampaignKpiUpdate> Received { get; } = new();

        public Task OnKpisAsync(string tenantId, CampaignKpiUpdate update)
        {
            Received.Enqueue(update);
            return Task.CompletedTask;
        }
    }

    private ICampaignGrain Campaign(string id) => cluster.Grains.GetGrain<ICampaignGrain>(GrainKeys.Campaign("grains", id));

    private static CampaignDesign Design() => new("Boots 20%", CampaignType.PercentOff, 20m, Channel.Email, Now.AddMinutes(-1), Now.AddDays(7));
}
