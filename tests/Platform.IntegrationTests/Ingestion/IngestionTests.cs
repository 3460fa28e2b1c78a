using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Gateway.Api.Limits;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Ingestion;

/// <summary>ingestEvents through GraphQL: per-event answers, exactly-once storage, live profiles.</summary>
public sealed class IngestionTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task AMixedBatchStoresExactlyTheValidEventsAndExplainsEachInvalidOne()
    {
        var (_, merchant) = await platform.CreateTenantAsync();
        object[] batch =
        [
            Events.View("ok-1", "alice", "sku-1", Now.AddMinutes(-5)),
            new { eventId = "bad-1", userId = "alice", type = "TELEPORT", occurredAt = Now.ToString("O") },
            Events.Purchase("ok-2", "alice", 42.5m, Now.AddMinutes(-1)),
            new { eventId = "bad-2", userId = "alice", type = "REVIEW", occurredAt = Now.AddDays(1).ToString("O"), itemId = "sku-1", rating = 9 },
        ];

        var response = await platform.Http.PostAsync(merchant, Events.Ingest, new { events = batch });

        response.AssertSuccess();
        var payload = response.Data.GetProperty("ingestEvents");
        Assert.Equal((2, 0, 2), (payload.GetProperty("accepted").GetInt32(), payload.GetProperty("duplicates").GetInt32(), payload.GetProperty("rejected").GetInt32()));
        var results = payload.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["ACCEPTED", "REJECTED", "ACCEPTED", "REJECTED"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("type:unknown_type", Errors(results[1]).Single());
        Assert.Equal(["occurredAt:in_future", "rating:out_of_range"], Errors(results[3]).Order());
        Assert.True(results[2].GetProperty("sequence").GetInt64() > results[0].GetProperty("sequence").GetInt64());

        var profile = await ProfileAsync(merchant, "alice");
        Assert.Equal(2, profile.GetProperty("trajectory").GetArrayLength());
        Assert.Equal(42.5m, profile.GetProperty("revenue").GetDecimal());
    }

    [Fact]
    public async Task TheSameBatchSentThreeTimesIsStoredOnce()
    {
        var (_, merchant) = await platform.CreateTenantAsync();
        var batch = Enumerable.Range(0, 50).Select(i => Events.View($"v{i}", $"u{i % 5}", $"sku-{i % 3}", Now.AddMinutes(-i))).ToArray();

        var first = await platform.Http.PostAsync(merchant, Events.Ingest, new { events = batch });
        var second = await platform.Http.PostAsync(merchant, Events.Ingest, new { events = batch });
        var third = await platform.Http.PostAsync(merchant, Events.Ingest, new { events = batch });

        Assert.Equal(50, first.Data.GetProperty("ingestEvents").GetProperty("accepted").GetInt32());
        Assert.All(new[] { second, third }, r => Assert.Equal(50, r.Data.GetProperty("ingestEvents").GetProperty("duplicates").GetInt32()));
        var views = (await ProfileAsync(merchant, "u0")).GetProperty("counters").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "VIEW");
        Assert.Equal(10, views.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task AProfileFollowsTheUsersEvents()
    {
        var (_, merchant) = await platform.CreateTenantAsync();
        object[] batch =
        [
            Events.View("a1", "bob", "sku-1", Now.AddDays(-3), "shoes"),
            Events.View("a2", "bob", "sku-2", Now.AddDays(-2), "shoes"),
            new { eventId = "a3", userId = "bob", type = "CAMPAIGN_EXPOSURE", occurredAt = Now.AddDays(-1).ToString("O"), campaignId = "spring" },
            new { eventId = "a4", userId = "bob", type = "COUPON_CLAIM", occurredAt = Now.AddHours(-20).ToString("O"), campaignId = "spring" },
            Events.Purchase("a5", "bob", 80m, Now.AddHours(-2), campaignId: "spring"),
        ];

        (await platform.Http.PostAsync(merchant, Events.Ingest, new { events = batch })).AssertSuccess();
        var profile = await ProfileAsync(merchant, "bob");

        Assert.Equal(1, profile.GetProperty("purchases").GetInt64());
        Assert.Equal(1.0, profile.GetProperty("discountSensitivity").GetDouble());
        Assert.Equal("new_customers", profile.GetProperty("rfm").GetProperty("segment").GetString());
        Assert.Equal("shoes", profile.GetProperty("categoryAffinities")[0].GetProperty("key").GetString());
        var spring = profile.GetProperty("campaigns")[0];
        Assert.Equal((1, 1), (spring.GetProperty("exposures").GetInt32(), spring.GetProperty("claims").GetInt32()));
        Assert.Equal("PURCHASE", profile.GetProperty("trajectory")[0].GetProperty("type").GetString());
        Assert.Contains("new_customer", profile.GetProperty("interestTags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task MoreThanFiveThousandEventsAreRefusedAsAWhole()
    {
        var (_, merchant) = await platform.CreateTenantAsync();
        var batch = Enumerable.Range(0, 5001).Select(i => new { eventId = $"x{i}" }).ToArray();

        var response = await platform.Http.PostAsync(merchant, Events.Ingest, new { events = batch });

        Assert.Equal(["INVALID_ARGUMENT"], response.ErrorCodes);
        Assert.Equal("events", response.FirstError.GetProperty("extensions").GetProperty("field").GetString());
    }

    [Fact]
    public async Task ABulkBatchWaitsForTheTenantsIngestTurnAndASmallOneDoesNot()
    {
        var (tenantId, merchant) = await platform.CreateTenantAsync();
        var lane = platform.Node.Services.GetRequiredService<IngestLane>(); // one bulk batch at a time per tenant: the default
        var holder = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = lane.RunAsync(tenantId, IngestLane.SmallBatch + 1, () => holder.Task, CancellationToken.None);
        object[] Batch(string user, int count) =>
            Enumerable.Range(0, count).Select(i => Events.View($"{user}-{i}", user, "sku-1", Now.AddMinutes(-1))).ToArray();
        Task<GraphQLResponse> bulk;
        try
        {
            bulk = platform.Http.PostAsync(merchant, Events.Ingest, new { events = Batch("bulk-buyer", IngestLane.SmallBatch + 1) });
            var small = await platform.Http.PostAsync(merchant, Events.Ingest, new { events = Batch("small-buyer", IngestLane.SmallBatch) })
                .WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromMilliseconds(500));

            Assert.Equal(IngestLane.SmallBatch, small.Data.GetProperty("ingestEvents").GetProperty("accepted").GetInt32());
            Assert.False(bulk.IsCompleted, "a bulk batch was answered while the tenant's turn was held");
            Assert.Equal(JsonValueKind.Null, (await platform.Http.PostAsync(merchant, Events.Profile, new { id = "bulk-buyer" })).Data.GetProperty("user").ValueKind);
        }
        finally
        {
            holder.TrySetResult(0);
            await held;
        }

        Assert.Equal(IngestLane.SmallBatch + 1, (await bulk).Data.GetProperty("ingestEvents").GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task AnUnknownUserHasNoProfileAndPartnersCannotReadProfiles()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var partner = await platform.CreateKeyAsync(admin, "PARTNER");

        var unknown = await platform.Http.PostAsync(admin, Events.Profile, new { id = "nobody" });
        var asPartner = await platform.Http.PostAsync(partner, Events.Profile, new { id = "nobody" });

        Assert.Equal(JsonValueKind.Null, unknown.Data.GetProperty("user").ValueKind);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, asPartner.Status);
    }

    private async Task<JsonElement> ProfileAsync(string key, string user)
    {
        var response = await platform.Http.PostAsync(key, Events.Profile, new { id = user });
        response.AssertSuccess();
        return response.Data.GetProperty("user");
    }

    private static IEnumerable<string> Errors(JsonElement result) =>
        result.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("rule").GetString()}");
}
