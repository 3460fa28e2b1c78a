using Platform.Domain.Webhooks;
using Platform.Storage.Webhooks;
using Platform.Testing;

namespace Platform.Storage.Tests;

public sealed class WebhookStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly WebhookStore store = new(database.DataSource);

    [Fact]
    public async Task PendingDeliveriesThatNoJobRanAreFoundOverdueUntilTheyEnd()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        await store.CreateAsync(tenant, "https://hooks.example/a", [WebhookEvent.CampaignKpis], null, "secret-secret-secret");
        var queued = await store.QueueAsync(tenant, WebhookEvent.CampaignKpis, "c1", """{"event":"CAMPAIGN_KPIS"}""");
        var id = Assert.Single(queued);

        Assert.DoesNotContain(id, await store.OverdueAsync(TimeSpan.FromMinutes(2), 1_000)); // just queued: its job should run
        Assert.Contains(id, await store.OverdueAsync(TimeSpan.FromMilliseconds(-1), 1_000));

        await store.RecordAttemptAsync(id, succeeded: false, 500, "HTTP 500", DateTimeOffset.UtcNow.AddMinutes(-5), disableAfter: 5);
        Assert.Contains(id, await store.OverdueAsync(TimeSpan.FromMinutes(2), 1_000)); // its retry is three minutes late

        await store.RecordAttemptAsync(id, succeeded: true, 200, null, null, disableAfter: 5);
        Assert.DoesNotContain(id, await store.OverdueAsync(TimeSpan.FromMilliseconds(-1), 1_000));
    }

    [Fact]
    public async Task AWebhookIsDisabledAfterDeliveriesFailedForGoodAndItsPendingOnesAreGivenUp()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        await store.CreateAsync(tenant, "https://hooks.example/b", [WebhookEvent.CampaignStatus], null, "secret-secret-secret");
        var first = Assert.Single(await store.QueueAsync(tenant, WebhookEvent.CampaignStatus, "c1", "{}"));
        var second = Assert.Single(await store.QueueAsync(tenant, WebhookEvent.CampaignStatus, "c1", "{}"));
        var waiting = Assert.Single(await store.QueueAsync(tenant, WebhookEvent.CampaignStatus, "c1", "{}"));

        Assert.False(await store.RecordAttemptAsync(first, false, 500, "HTTP 500", DateTimeOffset.UtcNow.AddMinutes(1), disableAfter: 2)); // will retry: not final
        Assert.False(await store.RecordAttemptAsync(first, false, 500, "HTTP 500", null, disableAfter: 2)); // final: 1 in a row
        Assert.True(await store.RecordAttemptAsync(second, false, null, "timeout", null, disableAfter: 2)); // final: 2 in a row

        var webhook = Assert.Single(await store.ListAsync(tenant));
        Assert.False(webhook.Active);
        Assert.Contains("2 deliveries failed in a row; last: timeout", webhook.DisabledReason);
        var deliveries = await store.DeliveriesAsync(tenant, webhook.Id, 10, after: null);
        Assert.Equal("FAILED", deliveries.Single(d => d.Id == waiting).Status);
        Assert.Empty(await store.QueueAsync(tenant, WebhookEvent.CampaignStatus, "c1", "{}")); // a disabled webhook gets nothing new
    }

    [Fact]
    public async Task AWebhookDisabledByHandGetsNothingNewGivesUpItsPendingDeliveriesAndOnlyItsTenantCanDisableIt()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        var webhook = (await store.CreateAsync(tenant, "https://hooks.example/c", [WebhookEvent.CampaignKpis], null, "secret-secret-secret"))!;
        var pending = Assert.Single(await store.QueueAsync(tenant, WebhookEvent.CampaignKpis, "c1", "{}"));

        Assert.False(await store.DisableAsync("another", webhook.Id, "by hand"));
        Assert.True(Assert.Single(await store.ListAsync(tenant)).Active);

        Assert.True(await store.DisableAsync(tenant, webhook.Id, "by hand"));
        var disabled = Assert.Single(await store.ListAsync(tenant));
        Assert.Equal((false, "by hand"), (disabled.Active, disabled.DisabledReason));
        Assert.NotNull(disabled.DisabledAt);
        Assert.Equal("FAILED", Assert.Single(await store.DeliveriesAsync(tenant, webhook.Id, 10, after: null)).Status);
        Assert.Null(await store.PendingAsync(pending));
        Assert.Empty(await store.QueueAsync(tenant, WebhookEvent.CampaignKpis, "c1", "{}"));

        Assert.True(await store.DisableAsync(tenant, webhook.Id, "again")); // already off: it keeps when and why
        Assert.Equal(("by hand", disabled.DisabledAt), (Assert.Single(await store.ListAsync(tenant)).DisabledReason, Assert.Single(await store.ListAsync(tenant)).DisabledAt));

        Assert.True(await store.EnableAsync(tenant, webhook.Id));
        Assert.Single(await store.QueueAsync(tenant, WebhookEvent.CampaignKpis, "c1", "{}"));
    }
}
