using System.Text.Json;
using Npgsql;
using Platform.Domain.Events;
using Platform.IntegrationTests.Support;
using Platform.Storage.Events;

namespace Platform.IntegrationTests.Ingestion;

/// <summary>A tenant's feed in partitions: delivery stays exact and before the answer, and the partition count changes online.</summary>
public sealed class FeedPartitionTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string FeedFields = "generation partitionCount startsAfter logHead partitions { partition deliveredThrough waitingRanges node }";
    public const string SetPartitions = $"mutation($tenant: ID!, $n: Int!) {{ setTenantFeedPartitions(input: {{ tenantId: $tenant, partitions: $n }}) {{ {FeedFields} }} }}";
    public const string Feed = $"query($tenant: ID!) {{ tenantFeed(tenantId: $tenant) {{ {FeedFields} }} }}";

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task EveryPartitionDeliversItsUsersEventsBeforeTheAnswer()
    {
        var (tenant, admin) = await platform.CreateTenantAsync("parts");
        var layout = await SetPartitionsAsync(tenant, 4);
        Assert.Equal((1, 4, 0L), (layout.GetProperty("generation").GetInt32(), layout.GetProperty("partitionCount").GetInt32(), layout.GetProperty("startsAfter").GetInt64()));

        var batch = Enumerable.Range(0, 200).Select(i => Events.View($"v{i}", $"user-{i % 40}", "sku-1", Now.AddSeconds(-i))).ToArray();
        (await platform.Http.PostAsync(admin, Events.Ingest, new { events = batch })).AssertSuccess();

        foreach (var user in new[] { "user-0", "user-17", "user-39" })
        {
            Assert.Equal(5, await ViewsAsync(admin, user)); // read at once: the answer waited for every partition
        }

        var feed = await FeedAsync(tenant);
        Assert.Equal(200, feed.GetProperty("logHead").GetInt64());
        Assert.Equal([0, 1, 2, 3], feed.GetProperty("partitions").EnumerateArray().Select(p => p.GetProperty("partition").GetInt32()));
        Assert.All(feed.GetProperty("partitions").EnumerateArray(), p =>
            Assert.Equal((200L, 0), (p.GetProperty("deliveredThrough").GetInt64(), p.GetProperty("waitingRanges").GetInt32())));
    }

    [Fact]
    public async Task ChangingThePartitionCountWhileEventsArriveLosesNothing()
    {
        var (tenant, admin) = await platform.CreateTenantAsync("reparts");
        const int Senders = 4, Rounds = 8, Users = 20, PerUser = 3;
        var sending = Task.WhenAll(Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                var batch = Enumerable.Range(0, Users * PerUser).Select(i => Events.View($"s{sender}-r{round}-{i}", $"u{i % Users}", "sku-1", Now.AddSeconds(-round))).ToArray();
                (await platform.Http.PostAsync(admin, Events.Ingest, new { events = batch })).AssertSuccess();
            }
        })));

        await Eventually.ReadUntilAsync(() => FeedAsync(tenant), f => f.GetProperty("logHead").GetInt64() > 0, TimeSpan.FromSeconds(10)); // the senders are under way
        foreach (var partitions in new[] { 3, 1, 8, 2 })
        {
            await SetPartitionsAsync(tenant, partitions);
            await Task.Delay(30);
        }

        await sending;
        foreach (var user in Enumerable.Range(0, Users).Select(u => $"u{u}"))
        {
            await Eventually.ReadUntilAsync(() => ViewsAsync(admin, user), views => views >= Senders * Rounds * PerUser, TimeSpan.FromSeconds(20), $"{user} is missing views");
            Assert.Equal(Senders * Rounds * PerUser, await ViewsAsync(admin, user));
        }

        var feed = await FeedAsync(tenant);
        Assert.Equal((4, 2), (feed.GetProperty("generation").GetInt32(), feed.GetProperty("partitionCount").GetInt32()));
    }

    [Fact]
    public async Task EventsCommittedBeforeAChangeReachTheirUserBeforeAnyLaterOne()
    {
        var (tenant, admin) = await platform.CreateTenantAsync("cutover");
        (await platform.Http.PostAsync(admin, Events.Ingest, new { events = new[] { Events.View("a0", "shopper", "sku-1", Now) } })).AssertSuccess();

        // Committed under the single feed, still on its way to it (its hand-over is slow or lost) when the count changes.
        await using var dataSource = NpgsqlDataSource.Create(platform.Settings.ConnectionString);
        await new EventLog(dataSource).AppendAsync(tenant, [View("a1", "shopper"), View("a2", "shopper")]);
        await SetPartitionsAsync(tenant, 4);
        (await platform.Http.PostAsync(admin, Events.Ingest, new { events = new[] { Events.View("b1", "shopper", "sku-1", Now) } })).AssertSuccess();

        // The new layout delivered b1 only after the old one had delivered a1 and a2: had b1 come first, the user's grain
        // would have taken a1 and a2 for events it already had and skipped them for good.
        Assert.Equal(4, await ViewsAsync(admin, "shopper"));
    }

    [Fact]
    public async Task AnEventStoredWithoutItsHandOverIsReadBackByItsPartition()
    {
        var (tenant, admin) = await platform.CreateTenantAsync("lostparts");
        await SetPartitionsAsync(tenant, 4);
        (await platform.Http.PostAsync(admin, Events.Ingest, new { events = new[] { Events.View("first", "lost", "sku-1", Now) } })).AssertSuccess();

        // A node that died between commit and hand-over: the event is in the log, no partition was told.
        await using var dataSource = NpgsqlDataSource.Create(platform.Settings.ConnectionString);
        await new EventLog(dataSource).AppendAsync(tenant, [View("orphan", "lost")]);
        (await platform.Http.PostAsync(admin, Events.Ingest, new { events = new[] { Events.View("later", "someone-else", "sku-1", Now) } })).AssertSuccess();

        await Eventually.ReadUntilAsync(() => ViewsAsync(admin, "lost"), views => views == 2, TimeSpan.FromSeconds(15), "the orphaned event never reached its user");
        var feed = await Eventually.ReadUntilAsync(() => FeedAsync(tenant),
            f => f.GetProperty("partitions").EnumerateArray().All(p => p.GetProperty("deliveredThrough").GetInt64() == 3), TimeSpan.FromSeconds(15));
        Assert.Equal(3, feed.GetProperty("logHead").GetInt64());
    }

    [Fact]
    public async Task ABacklogLongerThanAReadWindowIsReadBackWholeByEachPartition()
    {
        var (tenant, admin) = await platform.CreateTenantAsync("longlog");
        await SetPartitionsAsync(tenant, 2);
        var users = Enumerable.Range(0, 40).Select(i => $"b{i}").ToList();
        var busy = users.First(u => FeedLayout.PartitionOf(u, 2) == 0);
        var quiet = users.Where(u => FeedLayout.PartitionOf(u, 2) == 1).Take(3).ToList();

        // Their grains active first, so that only the feed can bring them the backlog (an activation would replay it).
        var first = new[] { busy }.Concat(quiet).Select(u => Events.View($"first-{u}", u, "sku-1", Now)).ToArray();
        (await platform.Http.PostAsync(admin, Events.Ingest, new { events = first })).AssertSuccess();

        // Never handed over: partition 0 reads full pages of its busy user; partition 1 reads windows (5,000 x 2 offsets)
        // without one of its events before it finds its users' 30 at the end.
        await using var dataSource = NpgsqlDataSource.Create(platform.Settings.ConnectionString);
        var log = new EventLog(dataSource);
        foreach (var chunk in Enumerable.Range(0, 24_000).Select(i => View($"busy-{i}", busy)).Chunk(5_000))
        {
            await log.AppendAsync(tenant, chunk);
        }

        await log.AppendAsync(tenant, [.. quiet.SelectMany(u => Enumerable.Range(0, 10).Select(i => View($"{u}-{i}", u)))]);
        (await platform.Http.PostAsync(admin, Events.Ingest, new { events = new[] { Events.View("later", "someone-else", "sku-1", Now) } })).AssertSuccess();

        await Eventually.ReadUntilAsync(() => ViewsAsync(admin, busy), views => views == 24_001, TimeSpan.FromSeconds(60), "the busy user's backlog was not read back whole");
        foreach (var user in quiet)
        {
            Assert.Equal(11, await Eventually.ReadUntilAsync(() => ViewsAsync(admin, user), views => views == 11, TimeSpan.FromSeconds(15), $"{user}'s events after the long window were not read back"));
        }

        var feed = await Eventually.ReadUntilAsync(() => FeedAsync(tenant),
            f => f.GetProperty("partitions").EnumerateArray().All(p => p.GetProperty("deliveredThrough").GetInt64() == 24_035), TimeSpan.FromSeconds(15));
        Assert.Equal(24_035, feed.GetProperty("logHead").GetInt64());
    }

    [Fact]
    public async Task OnlyTheSystemKeySetsPartitionsAndBadCountsAreRefused()
    {
        var (tenant, admin) = await platform.CreateTenantAsync("refparts");
        Assert.Equal(["FORBIDDEN"], (await platform.Http.PostAsync(admin, SetPartitions, new { tenant, n = 4 })).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await platform.Http.PostAsync(admin, Feed, new { tenant })).ErrorCodes);

        foreach (var bad in new[] { 0, FeedLayout.MaxPartitions + 1 })
        {
            var refused = await platform.Http.PostAsync(platform.Settings.SystemKey, SetPartitions, new { tenant, n = bad });
            Assert.Equal(["INVALID_ARGUMENT"], refused.ErrorCodes);
            var violation = refused.FirstError.GetProperty("extensions").GetProperty("violations")[0];
            Assert.Equal(("input.partitions", "out_of_range"), (violation.GetProperty("field").GetString(), violation.GetProperty("rule").GetString()));
        }

        Assert.Equal(["NOT_FOUND"], (await platform.Http.PostAsync(platform.Settings.SystemKey, SetPartitions, new { tenant = "no-such-shop", n = 2 })).ErrorCodes);
        var unknown = await platform.Http.PostAsync(platform.Settings.SystemKey, Feed, new { tenant = "no-such-shop" });
        unknown.AssertSuccess();
        Assert.Equal(JsonValueKind.Null, unknown.Data.GetProperty("tenantFeed").ValueKind);
        Assert.Equal(0, (await FeedAsync(tenant)).GetProperty("generation").GetInt32()); // nothing was changed
        Assert.Equal(0, (await SetPartitionsAsync(tenant, 1)).GetProperty("generation").GetInt32()); // nor is it by the count it has
    }

    private static BehaviorEvent View(string id, string user) => new(id, user, EventType.View, Now, "sku-2", null, null, null, null, null, null, null, null, null);

    private async Task<JsonElement> SetPartitionsAsync(string tenant, int partitions) =>
        await platform.Http.FieldAsync(platform.Settings.SystemKey, SetPartitions, new { tenant, n = partitions }, "setTenantFeedPartitions");

    private async Task<JsonElement> FeedAsync(string tenant) =>
        await platform.Http.FieldAsync(platform.Settings.SystemKey, Feed, new { tenant }, "tenantFeed");

    private async Task<long> ViewsAsync(string key, string user)
    {
        var profile = (await platform.Http.PostAsync(key, Events.Profile, new { id = user })).Data.GetProperty("user");
        return profile.ValueKind == JsonValueKind.Null
            ? 0
            : profile.GetProperty("counters").EnumerateArray().Where(c => c.GetProperty("type").GetString() == "VIEW").Sum(c => c.GetProperty("total").GetInt64());
    }
}
