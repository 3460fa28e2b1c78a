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

        // Products for a shopper with a history follow it; a new shopper gets popular items; a campaign's scope and purchases filter them.
        var known = (await platform.Http.FieldAsync(admin, "{ users(audience: {rule: {field: \"purchases\", op: GTE, number: 2}}, first: 1) { nodes { userId } } }", null, "users"))
            .GetProperty("nodes")[0].GetProperty("userId").GetString()!;
        var picks = await ItemsAsync(admin, known, campaignId: null);
        Assert.Equal((versionId, "HISTORY", 10), (picks.GetProperty("modelVersionId").GetString(), picks.GetProperty("basis").GetString(), picks.GetProperty("items").GetArrayLength()));
        Assert.All(picks.GetProperty("items").EnumerateArray(), p => Assert.StartsWith("Close to ", p.GetProperty("reason").GetString()));
        var bought = (await platform.Http.FieldAsync(admin, "query($u: ID!) { user(id: $u) { trajectory { type itemId } } }", new { u = known }, "user"))
            .GetProperty("trajectory").EnumerateArray().Where(t => t.GetProperty("type").GetString() == "PURCHASE").Select(t => t.GetProperty("itemId").GetString()).ToHashSet();
        Assert.DoesNotContain(picks.GetProperty("items").EnumerateArray(), p => bought.Contains(p.GetProperty("itemId").GetString()));

        var cold = await ItemsAsync(admin, "brand-new-shopper", campaignId: null);
        Assert.Equal("POPULARITY", cold.GetProperty("basis").GetString());
        var scores = cold.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);

        var category = picks.GetProperty("items")[0].GetProperty("categoryId").GetString()!;
        var now = DateTimeOffset.UtcNow;
        var campaign = (await platform.Http.FieldAsync(admin, Campaigns.CampaignApiTests.Create, new { d = Campaigns.CampaignApiTests.Design(now, now.AddDays(3), new { categoryIds = new[] { category } }) }, "createCampaign")).GetProperty("id").GetString();
        var scoped = await ItemsAsync(admin, known, campaign);
        Assert.All(scoped.GetProperty("items").EnumerateArray(), p => Assert.Equal(category, p.GetProperty("categoryId").GetString()));

        var (_, other) = await platform.CreateTenantAsync("items-other");
        var theirs = (await platform.Http.FieldAsync(other, Campaigns.CampaignApiTests.Create, new { d = Campaigns.CampaignApiTests.Design(now, now.AddDays(3)) }, "createCampaign")).GetProperty("id").GetString();
        var foreign = await platform.Http.PostAsync(admin, "query($u: ID!, $c: ID) { itemRecommendations(userId: $u, campaignId: $c) { basis } }", new { u = known, c = theirs });
        Assert.Equal(["NOT_FOUND"], foreign.ErrorCodes);

        // The shopper's most recent items are read from the live profile: views ingested a moment ago change the next answer.
        var elsewhere = cold.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("itemId").GetString()!).Where(i => !bought.Contains(i)).Take(5).ToList();
        var views = elsewhere.Select((item, i) => new { eventId = $"moment-{known}-{i}", userId = known, type = "VIEW", occurredAt = now.AddSeconds(i).ToString("O"), itemId = item });
        (await platform.Http.PostAsync(admin, "mutation($e: [EventInput!]!) { ingestEvents(events: $e) { accepted } }", new { e = views })).AssertSuccess();
        var after = await ItemsAsync(admin, known, campaignId: null);
        Assert.NotEqual(
            picks.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("itemId").GetString()).ToList(),
            after.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("itemId").GetString()).ToList());
        Assert.Contains(after.GetProperty("items").EnumerateArray(), p => elsewhere.Any(item => p.GetProperty("reason").GetString()!.StartsWith($"Close to {item},", StringComparison.Ordinal))); // the answer reads the new views

        var drift = (await platform.Http.PostAsync(admin, "mutation { checkModelDrift(task: ITEMS) { drift { note maxPsi } } }")).Data.GetProperty("checkModelDrift").GetProperty("drift");
        Assert.StartsWith("The version reads no user features", drift.GetProperty("note").GetString());
        Assert.Equal(JsonValueKind.Null, drift.GetProperty("maxPsi").ValueKind);
    }

    private Task<JsonElement> ItemsAsync(string key, string user, string? campaignId) =>
        platform.Http.FieldAsync(key, """
            query($u: ID!, $c: ID) { itemRecommendations(userId: $u, campaignId: $c) { modelVersionId basis items { itemId categoryId score reason } } }
            """, new { u = user, c = campaignId }, "itemRecommendations");

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
