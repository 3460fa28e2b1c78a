using System.Text.Json;
using Platform.IntegrationTests.Campaigns;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Operations;

/// <summary>The platform's own figures on /metrics: events, GraphQL latency by root field, subscriptions, feed, database figures.</summary>
public sealed class BusinessMetricsTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task MetricsCountEventsOperationsSubscriptionsAndTheDatabasesFigures()
    {
        var (tenant, admin) = await platform.CreateTenantAsync("metrics");
        var now = DateTimeOffset.UtcNow;
        var bad = new { eventId = "bad", userId = "u1", type = "VIEW", occurredAt = now.AddDays(1).ToString("O"), itemId = "sku-1" };
        (await platform.Http.PostAsync(admin, Events.Ingest, new { events = new[] { Events.View("m1", "u1", "sku-1", now), bad } })).AssertSuccess();
        await platform.Http.PostAsync(admin, "{ notAField }");
        (await platform.Http.PostAsync(admin, "{ tenant { id } segments { name } }")).AssertSuccess();
        var id = (await platform.Http.FieldAsync(admin, CampaignApiTests.Create, new { d = CampaignApiTests.Design(now.AddHours(-1), now.AddDays(1)) }, "createCampaign")).GetProperty("id").GetString();
        await platform.Http.FieldAsync(admin, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id }, "launchCampaign");
        await using var socket = await WebSocketClient.ConnectAsync(platform.Node.GraphQLUri);
        await socket.InitialiseAsync(admin);
        await socket.SubscribeAsync("1", "subscription($id: ID!) { campaignKpis(campaignId: $id) { status } }", new { id });
        await socket.ReceiveAsync();
        using var http = new HttpClient { BaseAddress = platform.Node.BaseUri };

        var metrics = await Eventually.ReadUntilAsync(
            () => http.GetStringAsync("/metrics"),
            text => text.Contains("platform_campaigns{status=\"RUNNING\"}", StringComparison.Ordinal) && text.Contains($"tenant=\"{tenant}\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(40));

        Assert.Matches("platform_ingestion_events_total\\{outcome=\"accepted\"\\} [1-9]", metrics);
        Assert.Matches("platform_ingestion_events_total\\{outcome=\"rejected\"\\} [1-9]", metrics);
        Assert.Contains("platform_graphql_duration_seconds_bucket{operation=\"mutation\",field=\"ingestEvents\"", metrics);
        Assert.Contains("platform_graphql_duration_seconds_bucket{operation=\"none\",field=\"invalid\"", metrics);
        Assert.Contains("platform_graphql_duration_seconds_bucket{operation=\"query\",field=\"several\"", metrics);
        Assert.DoesNotContain("notAField", metrics);
        Assert.Contains("platform_campaigns{status=\"RUNNING\"} 1", metrics);
        Assert.Contains("platform_graphql_subscriptions{field=\"campaignKpis\"} 1", metrics);
        Assert.Contains($"platform_feed_waiting_events{{tenant=\"{tenant}\"}} 0", metrics);
        Assert.Contains("microsoft_orleans_orleans_catalog_activations{grain_type=\"user\"}", metrics);
        Assert.Contains("# TYPE platform_import_rows gauge", metrics);
        Assert.Contains("# TYPE platform_job_queue_length gauge", metrics);
        Assert.Contains("platform_operational_figures_read_timestamp_seconds ", metrics);
    }
}
