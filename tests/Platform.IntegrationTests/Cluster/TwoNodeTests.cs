using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Platform.Abstractions;
using Platform.Abstractions.Profiles;
using Platform.Abstractions.Tenants;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Cluster;

/// <summary>Two gateway nodes on one database form one cluster.</summary>
public sealed class TwoNodeTests(TwoNodeTests.TwoNodes cluster) : IClassFixture<TwoNodeTests.TwoNodes>
{
    [Fact]
    public async Task BothNodesAreActiveInTheMembershipTable()
    {
        await using var dataSource = NpgsqlDataSource.Create(cluster.Settings.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT port FROM orleans.membership WHERE cluster_id = @cluster AND status = 3 ORDER BY port");
        command.Parameters.AddWithValue("cluster", cluster.Settings.ClusterId);
        var ports = new List<int>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ports.Add(reader.GetInt32(0));
            }
        }

        Assert.Equal(new[] { cluster.A.SiloPort, cluster.B.SiloPort }.Order(), ports);
    }

    [Fact]
    public async Task ACallMadeOnNodeAReachesAGrainLivingOnNodeB()
    {
        var management = cluster.A.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        string? tenantOnB = null;
        for (var attempt = 0; attempt < 30 && tenantOnB is null; attempt++)
        {
            var (tenantId, _) = await Tenants.CreateAsync(cluster.HttpB, cluster.Settings.SystemKey, "cross");
            var activations = await management.GetDetailedGrainStatistics();
            if (activations.Any(a => a.GrainId.ToString().Contains(GrainKeys.Tenant(tenantId), StringComparison.Ordinal) && a.SiloAddress.Endpoint.Port == cluster.B.SiloPort))
            {
                tenantOnB = tenantId;
            }
        }

        Assert.NotNull(tenantOnB);
        var tenant = await cluster.A.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantOnB)).GetAsync();
        Assert.Equal(tenantOnB, tenant!.Id);
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedOnEveryNodeWithinOneSecond()
    {
        var (_, admin) = await Tenants.CreateAsync(cluster.HttpA, cluster.Settings.SystemKey);
        var merchant = await Tenants.CreateKeyAsync(cluster.HttpA, admin, "MERCHANT");
        (await cluster.HttpB.PostAsync(merchant, "{ tenant { id } }")).AssertSuccess(); // node B has the key cached now

        await Tenants.RevokeKeyAsync(cluster.HttpA, admin, "MERCHANT");
        var clock = Stopwatch.StartNew();
        while ((await cluster.HttpB.PostAsync(merchant, "{ tenant { id } }")).Status != HttpStatusCode.Unauthorized)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "node B still accepted the revoked key after 1 s");
            await Task.Delay(25);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SettingsChangedOnOneNodeAreReadOnTheOther()
    {
        var (tenantId, admin) = await Tenants.CreateAsync(cluster.HttpA, cluster.Settings.SystemKey);

        (await cluster.HttpA.PostAsync(cluster.Settings.SystemKey, Tenants.SetRateLimit, new { tenant = tenantId, perSecond = 321 })).AssertSuccess();
        var read = await cluster.HttpB.PostAsync(admin, "{ tenant { settings { requestsPerSecond } } }");

        Assert.Equal(321, read.Data.GetProperty("tenant").GetProperty("settings").GetProperty("requestsPerSecond").GetInt32());
    }

    [Fact]
    public async Task TheSameBatchSentToBothNodesAtOnceIsStoredOnceAndProfilesMatch()
    {
        var (_, merchant) = await Tenants.CreateAsync(cluster.HttpA, cluster.Settings.SystemKey);
        var now = DateTimeOffset.UtcNow;
        var batch = Enumerable.Range(0, 300).Select(i => Events.View($"e{i}", $"user-{i % 10}", $"sku-{i % 4}", now.AddSeconds(-i))).ToArray();

        var answers = await Task.WhenAll(
            cluster.HttpA.PostAsync(merchant, Events.Ingest, new { events = batch }),
            cluster.HttpB.PostAsync(merchant, Events.Ingest, new { events = batch }),
            cluster.HttpA.PostAsync(merchant, Events.Ingest, new { events = batch }));

        Assert.Equal(300, answers.Sum(a => a.Data.GetProperty("ingestEvents").GetProperty("accepted").GetInt32()));
        Assert.Equal(600, answers.Sum(a => a.Data.GetProperty("ingestEvents").GetProperty("duplicates").GetInt32()));
        foreach (var http in new[] { cluster.HttpA, cluster.HttpB })
        {
            var profile = (await http.PostAsync(merchant, Events.Profile, new { id = "user-3" })).Data.GetProperty("user");
            Assert.Equal(30, profile.GetProperty("counters").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "VIEW").GetProperty("total").GetInt64());
        }
    }

    [Fact]
    public async Task OneTenantsPartitionedFeedDeliversOnBothNodes()
    {
        var (tenant, merchant) = await Tenants.CreateAsync(cluster.HttpA, cluster.Settings.SystemKey, "spread");
        await cluster.HttpA.FieldAsync(cluster.Settings.SystemKey, Ingestion.FeedPartitionTests.SetPartitions, new { tenant, n = 16 }, "setTenantFeedPartitions");
        var now = DateTimeOffset.UtcNow;
        var batch = Enumerable.Range(0, 320).Select(i => Events.View($"e{i}", $"user-{i % 80}", "sku-1", now.AddSeconds(-i))).ToArray();
        await Task.WhenAll(
            cluster.HttpA.FieldAsync(merchant, Events.Ingest, new { events = batch[..160] }, "ingestEvents"),
            cluster.HttpB.FieldAsync(merchant, Events.Ingest, new { events = batch[160..] }, "ingestEvents"));

        var feed = await cluster.HttpB.FieldAsync(cluster.Settings.SystemKey, Ingestion.FeedPartitionTests.Feed, new { tenant }, "tenantFeed");
        var partitions = feed.GetProperty("partitions").EnumerateArray().ToList();
        Assert.Equal(16, partitions.Count);
        Assert.All(partitions, p => Assert.Equal(320, p.GetProperty("deliveredThrough").GetInt64()));
        var nodes = partitions.Select(p => p.GetProperty("node").GetString()).Distinct().Order().ToList();
        Assert.Equal(new[] { cluster.A.SiloPort, cluster.B.SiloPort }.Order().Select(port => $":{port}"), nodes.Select(n => n![n!.LastIndexOf(':')..]));
        var profile = (await cluster.HttpA.PostAsync(merchant, Events.Profile, new { id = "user-7" })).Data.GetProperty("user");
        Assert.Equal(4, profile.GetProperty("counters").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "VIEW").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task EachNodeNamesTheUserGrainsActiveOnIt()
    {
        var (tenant, merchant) = await Tenants.CreateAsync(cluster.HttpA, cluster.Settings.SystemKey, "active");
        var users = Enumerable.Range(0, 40).Select(i => $"shopper-{i}").ToList();
        var now = DateTimeOffset.UtcNow;
        await cluster.HttpA.FieldAsync(merchant, Events.Ingest, new { events = users.Select((u, i) => Events.View($"v{i}", u, "sku-1", now)).ToArray() }, "ingestEvents");

        var grains = cluster.A.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        var placed = (await management.GetDetailedGrainStatistics())
            .Where(a => users.Any(u => a.GrainId.Key.ToString() == GrainKeys.User(tenant, u)))
            .ToLookup(a => a.SiloAddress.ToParsableString(), a => GrainKeys.UserIdOf(a.GrainId.Key.ToString()!));
        var answers = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var node in (await management.GetHosts(onlyActive: true)).Keys)
        {
            answers[node.ToParsableString()] = (await grains.GetGrain<INodeUsersGrain>(node.ToParsableString()).ActiveOfAsync(tenant, [.. users, "nobody"]))!;
        }

        Assert.Equal(2, answers.Count);
        Assert.All(answers, answer => Assert.Equal(placed[answer.Key].Order(), answer.Value.Order()));
        Assert.Equal(users.Order(), answers.Values.SelectMany(a => a).Order());
        Assert.All(answers.Values, answer => Assert.NotEmpty(answer)); // random placement put grains on both
    }

    [Fact]
    public async Task CampaignKpisReachASubscriberOnTheOtherNode()
    {
        var (_, admin) = await Tenants.CreateAsync(cluster.HttpA, cluster.Settings.SystemKey, "kpis");
        var partner = await Tenants.CreateKeyAsync(cluster.HttpA, admin, "PARTNER");
        var (_, stranger) = await Tenants.CreateAsync(cluster.HttpA, cluster.Settings.SystemKey, "other");
        var now = DateTimeOffset.UtcNow;
        var design = Campaigns.CampaignApiTests.Design(now.AddHours(-1), now.AddDays(1), new { holdoutShare = 0 });
        var id = (await cluster.HttpA.FieldAsync(admin, Campaigns.CampaignApiTests.Create, new { d = design }, "createCampaign")).GetProperty("id").GetString();
        await cluster.HttpA.FieldAsync(admin, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id }, "launchCampaign");
        const string Subscription = "subscription($id: ID!) { campaignKpis(campaignId: $id) { campaignId status kpis { reach exposures } deltas { reach exposures } } }";

        await using var refused = await WebSocketClient.ConnectAsync(cluster.A.GraphQLUri);
        await refused.InitialiseAsync(stranger);
        await refused.SubscribeAsync("1", Subscription, new { id });
        var answer = (await refused.ReceiveAsync()).GetProperty("payload");
        var errors = answer.ValueKind == System.Text.Json.JsonValueKind.Array ? answer : answer.GetProperty("errors");
        Assert.Equal("NOT_FOUND", errors[0].GetProperty("extensions").GetProperty("code").GetString());

        await using var socket = await WebSocketClient.ConnectAsync(cluster.A.GraphQLUri);
        await socket.InitialiseAsync(partner);
        await socket.SubscribeAsync("1", Subscription, new { id });
        var first = (await socket.ReceiveAsync()).GetProperty("payload").GetProperty("data").GetProperty("campaignKpis");
        Assert.Equal(("RUNNING", 0), (first.GetProperty("status").GetString(), first.GetProperty("kpis").GetProperty("reach").GetInt32()));

        var at = DateTimeOffset.UtcNow;
        var exposures = Enumerable.Range(0, 12).Select(i => new { eventId = $"x{i}", userId = $"u{i}", type = "CAMPAIGN_EXPOSURE", occurredAt = at.ToString("O"), campaignId = id }).ToArray();
        (await cluster.HttpB.PostAsync(admin, Events.Ingest, new { events = exposures })).AssertSuccess();

        long reach = 0, summedDeltas = 0;
        var clock = Stopwatch.StartNew();
        while (reach < 12 && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            var update = (await socket.ReceiveAsync()).GetProperty("payload").GetProperty("data").GetProperty("campaignKpis");
            reach = update.GetProperty("kpis").GetProperty("reach").GetInt64();
            summedDeltas += update.GetProperty("deltas").GetProperty("reach").GetInt64();
        }

        Assert.Equal((12L, 12L), (reach, summedDeltas));
    }

    public sealed class TwoNodes : IAsyncLifetime
    {
        public NodeSettings Settings { get; private set; } = null!;

        public GatewayNode A { get; private set; } = null!;

        public GatewayNode B { get; private set; } = null!;

        public GraphQLHttp HttpA { get; private set; } = null!;

        public GraphQLHttp HttpB { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Settings = await NodeSettings.CreateAsync("cluster");
            // Both silos live in this process and report the same load: place at random so that both get activations.
            var random = new Dictionary<string, string> { ["Platform:Orleans:RandomPlacement"] = "true" };
            A = await GatewayNode.StartAsync(Settings, random);
            B = await GatewayNode.StartAsync(Settings, random);
            HttpA = new GraphQLHttp(A.GraphQLUri);
            HttpB = new GraphQLHttp(B.GraphQLUri);
            await WaitUntilMembersAsync(2);
        }

        public async Task DisposeAsync()
        {
            HttpA.Dispose();
            HttpB.Dispose();
            await B.DisposeAsync();
            await A.DisposeAsync();
        }

        private async Task WaitUntilMembersAsync(int count)
        {
            var membership = A.Services.GetRequiredService<IClusterMembershipService>();
            await Eventually.ReadUntilAsync(
                () => Task.FromResult(membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active)),
                active => active >= count,
                TimeSpan.FromSeconds(30),
                "the two silos did not see each other");
        }
    }
}
