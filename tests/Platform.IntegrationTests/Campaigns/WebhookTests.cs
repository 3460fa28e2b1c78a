using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Campaigns;

/// <summary>Webhooks through a real worker to a real local endpoint: signatures, the delivery log, failures, redirects, timeouts, disabling.</summary>
public sealed class WebhookTests(PlatformWithWorker platform) : IClassFixture<PlatformWithWorker>
{
    private const string Create = "mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { id active } }";
    private const string Logs = "{ webhooks { id url active consecutiveFailures disabledReason deliveries(first: 10) { nodes { event status attempts lastStatusCode lastError nextAttemptAt } } } }";
    private const string Secret = "partner-secret-0123456789";

    [Fact]
    public async Task DeliveriesAreSignedWithTheDocumentedAlgorithm()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, admin) = await platform.CreateTenantAsync("hook");
        var partner = await platform.CreateKeyAsync(admin, "PARTNER");
        var id = await LaunchAsync(admin, new { holdoutShare = 0 }, launch: false);
        await platform.Http.FieldAsync(partner, Create, new { i = new { url = $"{receiver.BaseUrl}/ok", events = new[] { "CAMPAIGN_STATUS", "CAMPAIGN_KPIS" }, campaignIds = new[] { id }, secret = Secret } }, "createWebhook");
        await platform.Http.FieldAsync(admin, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id }, "launchCampaign");

        var statusDelivery = await Eventually.ReadUntilAsync(
            () => Task.FromResult(receiver.Requests.FirstOrDefault(r => r.Headers.GetValueOrDefault("X-Platform-Event") == "CAMPAIGN_STATUS")),
            r => r is not null, TimeSpan.FromSeconds(30));
        var signature = statusDelivery!.Headers["X-Platform-Signature"].Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{signature["t"]}.{statusDelivery.Body}")));
        Assert.Equal(expected, signature["v1"]);
        Assert.InRange(long.Parse(signature["t"]), DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var payload = JsonDocument.Parse(statusDelivery.Body).RootElement;
        Assert.Equal(("CAMPAIGN_STATUS", id, "RUNNING"), (payload.GetProperty("event").GetString(), payload.GetProperty("campaignId").GetString(), payload.GetProperty("status").GetString()));
        Assert.True(payload.GetProperty("kpis").TryGetProperty("reach", out _));
        Assert.Equal("NOT_ENOUGH_DATA", payload.GetProperty("kpis").GetProperty("significance").GetString()); // nobody enrolled yet
        var conversion = payload.GetProperty("kpis").GetProperty("measurement").GetProperty("conversionRate");
        Assert.Equal(("CONVERSION_RATE", "NOT_ENOUGH_DATA"), (conversion.GetProperty("metric").GetString(), conversion.GetProperty("significance").GetString()));
        Assert.StartsWith("Needs at least 30 users", conversion.GetProperty("note").GetString());

        var log = await Eventually.ReadUntilAsync(
            () => platform.Http.FieldAsync(partner, Logs, null, "webhooks"),
            w => w[0].GetProperty("deliveries").GetProperty("nodes").EnumerateArray().Count(d => d.GetProperty("status").GetString() == "SUCCEEDED") >= 2);
        Assert.All(log[0].GetProperty("deliveries").GetProperty("nodes").EnumerateArray(), d => Assert.Equal(200, d.GetProperty("lastStatusCode").GetInt32()));
    }

    [Fact]
    public async Task FailingRedirectingAndSlowEndpointsAreLoggedRetriedAndDisabled()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, admin) = await platform.CreateTenantAsync("hook");
        var id = await LaunchAsync(admin, new { holdoutShare = 0 }, launch: false);
        foreach (var path in new[] { "fail", "redirect", "slow" })
        {
            await platform.Http.FieldAsync(admin, Create, new { i = new { url = $"{receiver.BaseUrl}/{path}", events = new[] { "CAMPAIGN_STATUS", "CAMPAIGN_KPIS" }, secret = Secret } }, "createWebhook");
        }

        await platform.Http.FieldAsync(admin, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id }, "launchCampaign");
        var now = DateTimeOffset.UtcNow;
        (await platform.Http.PostAsync(admin, Events.Ingest, new { events = new[] { new { eventId = "x1", userId = "u1", type = "CAMPAIGN_EXPOSURE", occurredAt = now.ToString("O"), campaignId = id } } })).AssertSuccess();

        // Launch (status + KPIs) and the exposure (KPIs): three failures in a row disable each webhook (DisableAfterFailures = 3 in tests).
        var webhooks = await Eventually.ReadUntilAsync(
            () => platform.Http.FieldAsync(admin, Logs, null, "webhooks"),
            all => all.EnumerateArray().All(w => !w.GetProperty("active").GetBoolean()), TimeSpan.FromSeconds(60));
        JsonElement Hook(string path) => webhooks.EnumerateArray().Single(w => w.GetProperty("url").GetString()!.EndsWith(path, StringComparison.Ordinal));

        var failed = Hook("/fail").GetProperty("deliveries").GetProperty("nodes").EnumerateArray().First(d => d.GetProperty("attempts").GetInt32() > 0);
        Assert.Equal(500, failed.GetProperty("lastStatusCode").GetInt32());
        Assert.Contains("3 deliveries failed in a row", Hook("/fail").GetProperty("disabledReason").GetString());
        var redirected = Hook("/redirect").GetProperty("deliveries").GetProperty("nodes").EnumerateArray().First(d => d.GetProperty("attempts").GetInt32() > 0);
        Assert.Equal(302, redirected.GetProperty("lastStatusCode").GetInt32());
        Assert.Contains("not followed", redirected.GetProperty("lastError").GetString());
        Assert.DoesNotContain(receiver.Requests, r => r.Path == "/elsewhere");
        var slow = Hook("/slow").GetProperty("deliveries").GetProperty("nodes").EnumerateArray().First(d => d.GetProperty("attempts").GetInt32() > 0);
        Assert.Contains("no answer within 2 s", slow.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Null, slow.GetProperty("lastStatusCode").ValueKind);

        var enabled = await platform.Http.FieldAsync(admin, "mutation($id: ID!) { enableWebhook(id: $id) { active consecutiveFailures } }", new { id = Hook("/fail").GetProperty("id").GetString() }, "enableWebhook");
        Assert.Equal((true, 0), (enabled.GetProperty("active").GetBoolean(), enabled.GetProperty("consecutiveFailures").GetInt32()));
    }

    [Fact]
    public async Task ForeignWebhooksAreInvisibleAndBadInputIsRefused()
    {
        var (_, admin) = await platform.CreateTenantAsync("hook");
        var (_, other) = await platform.CreateTenantAsync("hook");
        var created = await platform.Http.FieldAsync(admin, Create, new { i = new { url = "https://hooks.partner.example/kpis", events = new[] { "CAMPAIGN_KPIS" }, secret = Secret } }, "createWebhook");

        Assert.Equal(0, (await platform.Http.FieldAsync(other, Logs, null, "webhooks")).GetArrayLength());
        Assert.Equal(["NOT_FOUND"], (await platform.Http.PostAsync(other, "mutation($id: ID!) { deleteWebhook(id: $id) }", new { id = created.GetProperty("id").GetString() })).ErrorCodes);
        const string Disable = "mutation($id: ID!) { disableWebhook(id: $id) { active disabledReason } }";
        Assert.Equal(["NOT_FOUND"], (await platform.Http.PostAsync(other, Disable, new { id = created.GetProperty("id").GetString() })).ErrorCodes);
        Assert.True((await platform.Http.FieldAsync(admin, Logs, null, "webhooks"))[0].GetProperty("active").GetBoolean());
        var disabled = await platform.Http.FieldAsync(admin, Disable, new { id = created.GetProperty("id").GetString() }, "disableWebhook");
        Assert.Equal((false, "disabled by disableWebhook"), (disabled.GetProperty("active").GetBoolean(), disabled.GetProperty("disabledReason").GetString()));
        Assert.Equal(["INVALID_ARGUMENT"], (await platform.Http.PostAsync(admin, Create, new { i = new { url = "ftp://x.example/", events = new[] { "CAMPAIGN_KPIS" }, secret = Secret } })).ErrorCodes);
        Assert.Equal(["INVALID_ARGUMENT"], (await platform.Http.PostAsync(admin, Create, new { i = new { url = "https://x.example/", events = new[] { "CAMPAIGN_KPIS" }, secret = "short" } })).ErrorCodes);
        var merchant = await platform.CreateKeyAsync(admin, "MERCHANT");
        Assert.Equal(["FORBIDDEN"], (await platform.Http.PostAsync(merchant, Create, new { i = new { url = "https://x.example/", events = new[] { "CAMPAIGN_KPIS" }, secret = Secret } })).ErrorCodes);
    }

    private async Task<string> LaunchAsync(string key, object extra, bool launch)
    {
        var now = DateTimeOffset.UtcNow;
        var id = (await platform.Http.FieldAsync(key, CampaignApiTests.Create, new { d = CampaignApiTests.Design(now.AddHours(-1), now.AddDays(1), extra) }, "createCampaign")).GetProperty("id").GetString()!;
        if (launch)
        {
            await platform.Http.FieldAsync(key, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id }, "launchCampaign");
        }

        return id;
    }
}
