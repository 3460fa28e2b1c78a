using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Cli;
using Platform.Cli.Commands;
using Platform.Cli.Demo;
using Platform.IntegrationTests.Support;
using Platform.Simulation;

namespace Platform.IntegrationTests.Trackers;

/// <summary>What `platform stream --via segment` and `bench ingest --via segment` rely on: the CLI's tracker client and bootstrap's TRACKER key.</summary>
public sealed class TrackerStreamTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string Profile = """
        query($id: ID!) { user(id: $id) {
          purchases revenue discountSensitivity interestTags counters { type total } rfm { frequency90 monetary90 segment }
          categoryAffinities { key share } campaigns { campaignId exposures clicks claims redemptions } } }
        """;

    [Fact]
    public async Task AShopsHistoryThroughTheTrackerSourceMakesTheSameProfilesAsThroughIngestEvents()
    {
        var (_, viaGraphQL) = await platform.CreateTenantAsync("via-gql");
        var (_, admin) = await platform.CreateTenantAsync("via-trk");
        var writeKey = await platform.CreateKeyAsync(admin, "TRACKER");
        var world = new SimulatedWorld(new WorldOptions(Seed: 5, Users: 12, Now: DateTimeOffset.UtcNow));
        var events = Enumerable.Range(0, 12).SelectMany(i => world.Story(i).Events).ToList();
        var client = new GraphQLClient(new HttpClient(), platform.Node.GraphQLUri);

        foreach (var batch in events.Chunk(1_000))
        {
            await client.ExecuteAsync(viaGraphQL, ApiInputs.IngestEvents, new { events = batch.Select(ApiInputs.Event).ToArray() });
        }

        await new TrackerClient(new HttpClient(), platform.Node.GraphQLUri).SendAsync(writeKey, events, CancellationToken.None);

        Assert.Contains(events, e => e.Type == "PURCHASE");
        foreach (var user in events.Select(e => e.UserId!).Distinct())
        {
            var expected = await platform.Http.FieldAsync(viaGraphQL, Profile, new { id = user }, "user");
            var actual = await platform.Http.FieldAsync(admin, Profile, new { id = user }, "user");
            Assert.Equal(expected.GetRawText(), actual.GetRawText());
        }
    }

    [Fact]
    public async Task BootstrapRecordsAWorkingTrackerKeyAndKeepsItOnTheNextRun()
    {
        var keys = Path.GetTempFileName();
        var tenant = $"boot-{Guid.NewGuid():N}"[..20];
        await File.WriteAllTextAsync(keys, JsonSerializer.Serialize(new { system = platform.Settings.SystemKey, tenants = new { } }));
        var http = new HttpClient();
        var bootstrap = new BootstrapCommand(new GraphQLClient(http, platform.Node.GraphQLUri), new TrackerClient(http, platform.Node.GraphQLUri), TextWriter.Null);

        await bootstrap.RunAsync(keys, tenant, "Boot shop", CancellationToken.None);
        var first = KeysFile.Key(keys, tenant, "tracker");
        await bootstrap.RunAsync(keys, tenant, "Boot shop", CancellationToken.None);

        Assert.Equal(first, KeysFile.Key(keys, tenant, "tracker"));
        await new TrackerClient(http, platform.Node.GraphQLUri).PostAsync(first, "{\"batch\":[]}", CancellationToken.None);
        Assert.Equal(4, (JsonNode.Parse(await File.ReadAllTextAsync(keys))!["tenants"]![tenant] as JsonObject)!.Count);
    }
}
