using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Platform.Cli.Demo;
using Platform.Domain.Events;
using Platform.Ingestion.Imports;
using Platform.Testing;
using Platform.IntegrationTests.Support;
using Orleans.Concurrency;
using Platform.Abstractions;
using Platform.Abstractions.Profiles;
using Platform.Simulation;
using Platform.Storage.Events;

namespace Platform.IntegrationTests.Imports;

/// <summary>
/// Event imports fold the profiles of users without a live grain in the worker (docs/imports.md#history-and-profiles): the
/// profiles are those the API would have given, byte for byte, and live events sent during an import are not lost.
/// </summary>
public sealed class HistoryImportTests(PlatformWithWorker platform) : IClassFixture<PlatformWithWorker>
{
    private const int Users = 600;

    [Fact]
    public async Task AnImportedShopHasTheProfilesTheApiWouldHaveGivenItByteForByte()
    {
        var world = new SimulatedWorld(new WorldOptions(Seed: 11, Users: Users));
        var history = Enumerable.Range(0, Users).SelectMany(i => world.Story(i).Events)
            .OrderBy(e => e.OccurredAt, StringComparer.Ordinal).ToList();
        var (imported, importKey) = await platform.CreateTenantAsync("hist");
        var (sent, sentKey) = await platform.CreateTenantAsync("api");
        foreach (var key in new[] { importKey, sentKey })
        {
            foreach (var items in world.Items.Chunk(1_000))
            {
                (await platform.Http.PostAsync(key, ApiInputs.UpsertItems, new { items = items.Select(i => ApiInputs.Item(SimulatedWorld.ToDraft(i))).ToArray() })).AssertSuccess();
            }
        }

        // A third of the shoppers have a live grain when the import starts (as on a shop already open): their events go
        // through the feed, batch by batch; the others are folded by the import at its end.
        var grains = platform.Node.Services.GetRequiredService<IGrainFactory>();
        await Task.WhenAll(Enumerable.Range(0, Users).Where(i => i % 3 == 0)
            .Select(i => grains.GetGrain<IUserGrain>(GrainKeys.User(imported, world.Story(i).User.Id)).GetAsync()));

        var job = await ImportCalls.ImportAsync(platform.Http, importKey, "EVENTS", "history.csv", Csv(history));
        Assert.Equal(("SUCCEEDED", history.Count), (job.GetProperty("status").GetString(), (int)job.GetProperty("rowsAccepted").GetInt64()));
        foreach (var batch in history.Chunk(ImportRunner.BatchRows)) // the import's batches: live grains fold the same groups
        {
            (await platform.Http.PostAsync(sentKey, ApiInputs.IngestEvents, new { events = batch.Select(ApiInputs.Event).ToArray() })).AssertSuccess();
        }

        // Every grain stores its snapshot as it deactivates (a few at a time, so wait for the last ones).
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var (viaImport, viaApi) = await Eventually.ReadUntilAsync(async () => (await SnapshotsAsync(imported), await SnapshotsAsync(sent)),
            both => both.Item2.Count == Users && both.Item2.All(pair => both.Item1.TryGetValue(pair.Key, out var other) && other.Payload == pair.Value.Payload),
            TimeSpan.FromSeconds(15), "the imported profiles still differ from those sent through the API");

        Assert.Equal(Users, viaApi.Count);
        Assert.Equal(viaApi.Keys.Order(), viaImport.Keys.Order());
        Assert.All(viaApi, pair => Assert.Equal(pair.Value.Payload, viaImport[pair.Key].Payload));
        // Shoppers without a live grain were folded by the import, the others by their grains.
        var foldedByImport = viaImport.Values.Count(s => s.CreatedByImport);
        Assert.InRange(foldedByImport, Users / 10, Users - (Users / 10));
        Assert.DoesNotContain(viaApi.Values, s => s.CreatedByImport);

        // The fold ran in several chunks, and the busiest shoppers passed the fold's limit for their grains: both paths are in
        // the equality above. Every shopper left to the fold is counted once, all of them dealt with by the end.
        var (toFold, folded) = (job.GetProperty("profilesToFold").GetInt64(), job.GetProperty("profilesFolded").GetInt64());
        Assert.True(toFold > WorkerProcess.FoldUsersPerChunk, $"{toFold} shoppers to fold make one chunk");
        Assert.Contains(history.CountBy(e => e.UserId!), user => user.Value > WorkerProcess.FoldMaxEventsPerUser);
        Assert.InRange(toFold, foldedByImport, Users);
        Assert.Equal(toFold, folded);
    }

    [Fact]
    public async Task LiveEventsAndReadsDuringAnImportEndInEveryUsersWholeHistory()
    {
        var (tenant, key) = await platform.CreateTenantAsync("during");
        (await platform.Http.PostAsync(platform.Settings.SystemKey, Tenants.SetRateLimit, new { tenant, perSecond = 5_000 })).AssertSuccess(); // a read per shopper at the end
        var now = DateTimeOffset.UtcNow;
        const int Shoppers = 2_000, HistoryPerShopper = 3, LiveRounds = 10;
        var history = Enumerable.Range(0, HistoryPerShopper * Shoppers)
            .Select(i => new EventDraft($"h{i}", $"s{i % Shoppers}", "VIEW", now.AddMinutes(-i - 60).ToString("O", CultureInfo.InvariantCulture), $"sku-{i % 7}"))
            .ToList();

        var importing = ImportCalls.ImportAsync(platform.Http, key, "EVENTS", "history.csv", Csv(history));
        for (var round = 0; round < LiveRounds; round++)
        {
            var live = Enumerable.Range(0, Shoppers).Where(s => s % 10 == round).Select(s => Events.View($"live-{s}", $"s{s}", "sku-1", now.AddMinutes(-round))).ToArray();
            (await platform.Http.PostAsync(key, Events.Ingest, new { events = live })).AssertSuccess();
            (await platform.Http.PostAsync(key, Events.Profile, new { id = $"s{round * 7}" })).AssertSuccess(); // a read activates a grain mid-import
            await Task.Delay(100);
        }

        var job = await importing;
        Expect.Equal("SUCCEEDED", job.GetProperty("status").GetString(), job.ToString());
        foreach (var shopper in Enumerable.Range(0, Shoppers).Select(s => $"s{s}"))
        {
            Assert.Equal(HistoryPerShopper + 1, await ViewsAsync(key, shopper));
        }

        // And what is stored, once every grain has written its snapshot, holds the same.
        await platform.Node.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var stored = await Eventually.ReadUntilAsync(() => SnapshotsAsync(tenant),
            s => s.Count == Shoppers && s.Values.All(x => ViewsIn(x.Payload) == HistoryPerShopper + 1), TimeSpan.FromSeconds(10));
        Assert.All(stored.Values, s => Assert.Equal(HistoryPerShopper + 1, ViewsIn(s.Payload)));
        Assert.Contains(stored.Values, s => s.CreatedByImport);
    }

    [Fact]
    public async Task AnImportKilledBeforeItsFoldIsCompletedByImportingTheFileAgain()
    {
        var (tenant, key) = await platform.CreateTenantAsync("resume");
        var now = DateTimeOffset.UtcNow;
        const int Shoppers = 50, PerShopper = 2;
        var history = Enumerable.Range(0, Shoppers * PerShopper)
            .Select(i => new EventDraft($"k{i}", $"k{i % Shoppers}", "VIEW", now.AddMinutes(-i - 5).ToString("O", CultureInfo.InvariantCulture), "sku-1"))
            .ToList();

        // What a worker killed before the end leaves: its batches appended and handed over without the shoppers' events
        // (the feed's offset is past them), their profiles not folded yet.
        var feed = platform.Node.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantFeedGrain>(GrainKeys.Feed(tenant));
        await feed.StatusAsync(); // active before the append, as the import makes it
        await using var dataSource = NpgsqlDataSource.Create(platform.Settings.ConnectionString);
        var appended = await new EventLog(dataSource).AppendAsync(tenant, [.. history.Take(60).Select(d => EventValidator.Validate(d, now, TimeSpan.FromDays(365)).Event!)]);
        await feed.DeliverAsync(appended.FirstSeq, appended.LastSeq, new Immutable<IReadOnlyList<LoggedEvent>>([]));

        var job = await ImportCalls.ImportAsync(platform.Http, key, "EVENTS", "history.csv", Csv(history));
        Assert.Equal((40L, 60L), (job.GetProperty("rowsAccepted").GetInt64(), job.GetProperty("rowsUnchanged").GetInt64()));

        // Folded by the import (no grain saw these events), each with all of its events once.
        var stored = await SnapshotsAsync(tenant);
        Assert.Equal(Shoppers, stored.Count);
        Assert.All(stored.Values, s => Assert.Equal((PerShopper, true), (ViewsIn(s.Payload), s.CreatedByImport)));
        await using var projected = dataSource.CreateCommand("SELECT count(*) FROM users.profiles WHERE tenant_id = @tenant");
        projected.Parameters.AddWithValue("tenant", tenant);
        Assert.Equal((long)Shoppers, (long)(await projected.ExecuteScalarAsync())!); // every shopper is in the audiences when the job ends
    }

    private async Task<long> ViewsAsync(string key, string user)
    {
        var profile = (await platform.Http.PostAsync(key, Events.Profile, new { id = user })).Data.GetProperty("user");
        return profile.GetProperty("counters").EnumerateArray().Where(c => c.GetProperty("type").GetString() == "VIEW").Sum(c => c.GetProperty("total").GetInt64());
    }

    private static long ViewsIn(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.GetProperty("profile").GetProperty("totals").TryGetProperty("View", out var views) ? views.GetInt64() : 0;
    }

    private sealed record Snapshot(string Payload, bool CreatedByImport);

    /// <summary>The tenant's stored user snapshots by user id; rows the import created carry 0 as their hash.</summary>
    private async Task<Dictionary<string, Snapshot>> SnapshotsAsync(string tenant)
    {
        await using var dataSource = NpgsqlDataSource.Create(platform.Settings.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT grain_id_ext, convert_from(payload, 'UTF8'), grain_id_hash = 0 FROM orleans.grain_state WHERE grain_type = 'user' AND grain_id_ext LIKE @prefix");
        command.Parameters.AddWithValue("prefix", $"{tenant}/user/%");
        var snapshots = new Dictionary<string, Snapshot>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            snapshots[reader.GetString(0)[(tenant.Length + "/user/".Length)..]] = new Snapshot(reader.GetString(1), reader.GetBoolean(2));
        }

        return snapshots;
    }

    private static byte[] Csv(IEnumerable<EventDraft> events) =>
        Encoding.UTF8.GetBytes(string.Join('\n', events.Select(EventsCsv.Row).Prepend(EventsCsv.Header)) + "\n");
}
