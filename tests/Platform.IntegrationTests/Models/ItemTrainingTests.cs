using System.Text.Json;
using Platform.IntegrationTests.Support;
using Platform.Simulation;
using Platform.Testing;

namespace Platform.IntegrationTests.Models;

/// <summary>trainModels(task: ITEMS) end to end: a simulated shop seeded through the API, its interactions read from the event log, trained by a worker process.</summary>
public sealed class ItemTrainingTests(PlatformWithWorker platform) : IClassFixture<PlatformWithWorker>
{
    private const string VersionFields = """
        id task status promotion drift { note }
        training { rows trainRows validationRows testRows }
        items { model { users hitRateAt10 ndcgAt10 } popularity { ndcgAt10 } itemKnn { ndcgAt10 } ndcgRatio items users width candidates { width validationLoss } }
        """;

    [Fact]
    public async Task AShopsInteractionsTrainARecommenderThatBeatsPopularityOnTheHeldOutLastItems()
    {
        var (_, admin) = await platform.CreateTenantAsync("items");
        await SimulatedShop.SeedAsync(platform, admin, new WorldOptions(Seed: 23, Users: 800));

        var queued = await platform.Http.PostAsync(admin, "mutation { trainModels(task: ITEMS) { id task } }");
        queued.AssertSuccess();
        var id = queued.Data.GetProperty("trainModels").GetProperty("id").GetString()!;
        var run = await Eventually.ReadUntilAsync(
            async () => (await platform.Http.PostAsync(admin, "query($id: ID!) { trainingRun(id: $id) { status error version { id } } }", new { id })).Data.GetProperty("trainingRun"),
            r => r.GetProperty("status").GetString() is not ("QUEUED" or "RUNNING"),
            TimeSpan.FromSeconds(240));

        Expect.Equal("SUCCEEDED", run.GetProperty("status").GetString(), run.ToString());
        var versionId = run.GetProperty("version").GetProperty("id").GetString()!;
        var version = (await platform.Http.PostAsync(admin, $"query($id: ID!) {{ modelVersion(id: $id) {{ {VersionFields} }} }}", new { id = versionId })).Data.GetProperty("modelVersion");
        Assert.Equal(("ITEMS", "ACTIVE"), (version.GetProperty("task").GetString(), version.GetProperty("status").GetString()));
        var items = version.GetProperty("items");
        Assert.True(items.GetProperty("model").GetProperty("ndcgAt10").GetDouble() > items.GetProperty("popularity").GetProperty("ndcgAt10").GetDouble(), items.ToString());
        Assert.Equal(version.GetProperty("training").GetProperty("testRows").GetInt32(), items.GetProperty("model").GetProperty("users").GetInt32());
        Assert.True(items.GetProperty("items").GetInt32() > 10);

        var drift = (await platform.Http.PostAsync(admin, "mutation { checkModelDrift(task: ITEMS) { drift { note maxPsi } } }")).Data.GetProperty("checkModelDrift").GetProperty("drift");
        Assert.StartsWith("The version reads no user features", drift.GetProperty("note").GetString());
        Assert.Equal(JsonValueKind.Null, drift.GetProperty("maxPsi").ValueKind);
    }

    [Fact]
    public async Task ATenantWithoutItemInteractionsFailsWithTheReason()
    {
        var (_, admin) = await platform.CreateTenantAsync("no-items");
        var queued = await platform.Http.PostAsync(admin, "mutation { trainModels(task: ITEMS) { id } }");
        var id = queued.Data.GetProperty("trainModels").GetProperty("id").GetString()!;

        var run = await Eventually.ReadUntilAsync(
            async () => (await platform.Http.PostAsync(admin, "query($id: ID!) { trainingRun(id: $id) { status error } }", new { id })).Data.GetProperty("trainingRun"),
            r => r.GetProperty("status").GetString() is not ("QUEUED" or "RUNNING"),
            TimeSpan.FromSeconds(60));

        Assert.Equal("FAILED", run.GetProperty("status").GetString());
        Assert.StartsWith("Too little data to learn from: 0 items", run.GetProperty("error").GetString());
    }
}
