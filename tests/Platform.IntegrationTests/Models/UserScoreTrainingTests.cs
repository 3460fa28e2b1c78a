using System.Text.Json;
using Platform.IntegrationTests.Campaigns;
using Platform.IntegrationTests.Support;
using Platform.Simulation;
using Platform.Testing;

namespace Platform.IntegrationTests.Models;

/// <summary>trainModels(task: USERS) end to end: a simulated shop seeded through the API, trained by a worker process, read back from the registry.</summary>
public sealed class UserScoreTrainingTests(PlatformWithWorker platform) : IClassFixture<PlatformWithWorker>
{
    private const string RunFields = "id task status error version { id status promotion }";

    private const string VersionFields = """
        id task status promotion uplift { model { qini } }
        training { rows from to campaigns trainRows validationRows testRows }
        userScores {
          model { users purchasers propensityAuc propensityCalibrationError churnAuc spendMae spendSpearman }
          baseline { users propensityAuc churnAuc }
          champion { propensityAuc } championVersionId
          personas { index share description traits { column numeric standardizedDifference } }
          personaChoices { k silhouette }
          width learningRate candidates { width validationLoss }
        }
        """;

    [Fact]
    public async Task AShopsUsersTrainAScoredCalibratedVersionWithPersonasAndASecondRunFacesTheFirst()
    {
        var (_, admin) = await platform.CreateTenantAsync("users");
        var options = new WorldOptions(Seed: 17, Users: 1_200);
        await SimulatedShop.SeedAsync(platform, admin, options);
        var world = new SimulatedWorld(options);
        var withEvents = Enumerable.Range(0, options.Users).Count(i => world.Story(i).Events.Count > 0);
        await Eventually.ReadUntilAsync(
            async () => (await platform.Http.PostAsync(admin, "{ audienceSummary(audience: { rule: { field: \"firstSeenDate\", op: GTE, value: \"2000-01-01\" } }) { users } }")).Data,
            data => data.GetProperty("audienceSummary").GetProperty("users").GetInt64() >= withEvents,
            TimeSpan.FromSeconds(60));

        var first = await TrainAsync(admin);

        Expect.Equal("SUCCEEDED", first.GetProperty("status").GetString(), first.ToString());
        var version = await VersionAsync(admin, first.GetProperty("version").GetProperty("id").GetString()!);
        Assert.Equal(("USERS", "ACTIVE", JsonValueKind.Null), (version.GetProperty("task").GetString(), version.GetProperty("status").GetString(), version.GetProperty("uplift").ValueKind));
        var training = version.GetProperty("training");
        Assert.Equal(JsonValueKind.Null, training.GetProperty("campaigns").ValueKind);
        Assert.Equal(6 * 30, (training.GetProperty("to").GetDateTimeOffset() - training.GetProperty("from").GetDateTimeOffset()).TotalDays, 3); // six cutoffs, the latest window
        Assert.True(training.GetProperty("trainRows").GetInt32() > training.GetProperty("testRows").GetInt32() * 7 / 3, training.ToString()); // earlier cutoffs add training rows
        Assert.Equal( // the others are read at the latest cutoff alone
            training.GetProperty("rows").GetInt64(),
            training.GetProperty("trainRows").GetInt32() + training.GetProperty("validationRows").GetInt32() + training.GetProperty("testRows").GetInt32());
        var scores = version.GetProperty("userScores");
        var model = scores.GetProperty("model");
        Assert.Equal(training.GetProperty("testRows").GetInt32(), model.GetProperty("users").GetInt32());
        Assert.True(model.GetProperty("propensityAuc").GetDouble() > 0.55, scores.ToString());
        Assert.True(model.GetProperty("propensityCalibrationError").GetDouble() < 0.1, scores.ToString());
        Assert.InRange(scores.GetProperty("personas").GetArrayLength(), 2, 6);
        Assert.Equal(5, scores.GetProperty("personaChoices").GetArrayLength());
        Assert.All(scores.GetProperty("personas").EnumerateArray(), p => Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("description").GetString())));
        Assert.Equal(JsonValueKind.Null, scores.GetProperty("champion").ValueKind);
        var scored = await TheActiveVersionScoresEveryUserForProfilesAndRulesAsync(admin, world, withEvents, version.GetProperty("id").GetString()!);

        var second = await TrainAsync(admin);

        var challenger = await VersionAsync(admin, second.GetProperty("version").GetProperty("id").GetString()!);
        var faced = challenger.GetProperty("userScores");
        Assert.Equal(version.GetProperty("id").GetString(), faced.GetProperty("championVersionId").GetString());
        Assert.Equal(model.GetProperty("propensityAuc").GetDouble(), faced.GetProperty("champion").GetProperty("propensityAuc").GetDouble(), 9); // same data, same seed
        Assert.Equal("CANDIDATE", challenger.GetProperty("status").GetString()); // an equal AUC does not beat the champion
        Assert.StartsWith("CANDIDATE: propensity AUC", challenger.GetProperty("promotion").GetString());

        // Last, so both trainings read the same events: forgetUser removes the user's scores.
        var forgotten = Enumerable.Range(0, 40).Select(i => world.Story(i)).First(s => s.Events.Count > 0).User.Id;
        (await platform.Http.PostAsync(admin, "mutation($id: ID!) { forgetUser(id: $id) { erasedAt } }", new { id = forgotten })).AssertSuccess();
        Assert.Equal(scored - 1, (await platform.Http.PostAsync(admin, Scored)).Data.GetProperty("audienceSummary").GetProperty("users").GetInt64());

        await AnEventChangesTheNextLiveScoreAsync(admin, Enumerable.Range(0, 40).Select(i => world.Story(i)).Where(s => s.Events.Count > 0).Select(s => s.User.Id).First(id => id != forgotten));
    }

    private const string Profile = "query($id: ID!) { user(id: $id) { scores { propensity expectedSpend churnRisk persona personaDescription versionId scoredAt } } }";

    private const string Scored = "{ audienceSummary(audience: { rule: { field: \"propensity\", op: GTE, number: 0 } }) { users } }";

    // Becoming ACTIVE queues the scoring of every user with a profile: user(id).scores, audience rules in SQL and in memory (segments) agree.
    private async Task<long> TheActiveVersionScoresEveryUserForProfilesAndRulesAsync(string admin, SimulatedWorld world, int withEvents, string versionId)
    {
        // The job scores the users with a profile (those with events), 500 at a time: wait for the last batch.
        await Eventually.ReadUntilAsync(
            async () => (await platform.Http.PostAsync(admin, Scored)).Data.GetProperty("audienceSummary").GetProperty("users").GetInt64(),
            users => users == withEvents,
            TimeSpan.FromSeconds(120));
        var summary = (await platform.Http.PostAsync(admin, "{ audienceSummary(audience: { all: true }) { scored expectedSpend propensity { key count } churnRisk { key count } personas { key count } } }"))
            .Data.GetProperty("audienceSummary");
        var scored = summary.GetProperty("scored").GetInt64();
        Assert.Equal(withEvents, scored);
        Assert.True(summary.GetProperty("expectedSpend").GetDouble() > 0, summary.ToString());
        foreach (var histogram in new[] { "propensity", "churnRisk", "personas" })
        {
            Assert.Equal(scored, summary.GetProperty(histogram).EnumerateArray().Sum(b => b.GetProperty("count").GetInt64()));
        }

        var scoring = (await platform.Http.PostAsync(admin, "query($id: ID!) { modelVersion(id: $id) { scoring { users latestAt } } }", new { id = versionId }))
            .Data.GetProperty("modelVersion").GetProperty("scoring");
        Assert.Equal(scored, scoring.GetProperty("users").GetInt64());
        Assert.Equal(JsonValueKind.String, scoring.GetProperty("latestAt").ValueKind);
        var bins = summary.GetProperty("propensity").EnumerateArray().Select(b => b.GetProperty("key").GetString()!).ToList();
        Assert.Equal(bins.Order(StringComparer.Ordinal), bins);
        Assert.All(bins, key => Assert.Matches(@"^0\.\d-(0\.\d|1\.0)$", key));
        var sample = Enumerable.Range(0, 40).Select(i => world.Story(i)).Where(s => s.Events.Count > 0).Select(s => s.User.Id).Take(20).ToList();
        // Scores without segments: user(id) scores the live profile with the ACTIVE version, as of the read.
        var readFrom = DateTimeOffset.UtcNow;
        var profiles = new List<JsonElement>();
        foreach (var id in sample)
        {
            profiles.Add((await platform.Http.PostAsync(admin, Profile, new { id })).Data.GetProperty("user"));
        }

        Assert.All(profiles, p =>
        {
            var score = p.GetProperty("scores");
            Assert.Equal(versionId, score.GetProperty("versionId").GetString());
            Assert.InRange(score.GetProperty("propensity").GetDouble(), 0, 1);
            Assert.InRange(score.GetProperty("churnRisk").GetDouble(), 0, 1);
            Assert.True(score.GetProperty("expectedSpend").GetDouble() >= 0);
            Assert.False(string.IsNullOrEmpty(score.GetProperty("personaDescription").GetString()));
            Assert.True(score.GetProperty("scoredAt").GetDateTimeOffset() >= readFrom, $"scored at the read, not by the job before it: {score}");
        });

        // The stored scores (SQL) are of a moment ago and the live ones (user(id), segments) of now: the same profiles, so
        // they differ only by the time passed (days known, recency). A threshold in the widest gap between the sample's
        // middle scores puts each user on the same side in both.
        var sorted = profiles.Select(p => p.GetProperty("scores").GetProperty("propensity").GetDouble()).Order().ToList();
        var gap = Enumerable.Range(profiles.Count / 4, profiles.Count / 2).MaxBy(i => sorted[i + 1] - sorted[i]);
        Assert.True(sorted[gap + 1] - sorted[gap] > 1e-4, string.Join(", ", sorted));
        var threshold = (sorted[gap] + sorted[gap + 1]) / 2;
        var rule = new { field = "propensity", op = "GT", number = threshold };
        (await platform.Http.PostAsync(admin, "mutation($rule: AudienceRuleInput!) { createSegment(name: \"likely-buyers\", rule: $rule) { name } }", new { rule })).AssertSuccess();
        var inSql = new HashSet<string>();
        string? after = null;
        do
        {
            var page = (await platform.Http.PostAsync(admin, "query($rule: AudienceRuleInput!, $after: String) { users(audience: { rule: $rule }, first: 500, after: $after) { nodes { userId } hasNextPage endCursor } }", new { rule, after }))
                .Data.GetProperty("users");
            inSql.UnionWith(page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("userId").GetString()!));
            after = page.GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);

        foreach (var (id, profile) in sample.Zip(profiles))
        {
            var above = profile.GetProperty("scores").GetProperty("propensity").GetDouble() > threshold;
            Assert.Equal(above, inSql.Contains(id));
            var inSegment = (await platform.Http.PostAsync(admin, "query($id: ID!) { user(id: $id) { segments } }", new { id })).Data.GetProperty("user").GetProperty("segments").EnumerateArray().Any(s => s.GetString() == "likely-buyers");
            Assert.Equal(above, inSegment);
        }

        return scored;
    }

    // A purchase ingested a moment ago is in the next user(id)'s scores, and in the targeting of campaigns that read them.
    private async Task AnEventChangesTheNextLiveScoreAsync(string admin, string userId)
    {
        var before = (await platform.Http.PostAsync(admin, Profile, new { id = userId })).Data.GetProperty("user").GetProperty("scores");
        var now = DateTimeOffset.UtcNow;
        var purchases = Enumerable.Range(0, 3).Select(i => new { eventId = $"live-score-{i}", userId, type = "PURCHASE", occurredAt = now.AddSeconds(-i).ToString("O"), amount = 80m, currency = "EUR" }).ToArray();
        (await platform.Http.PostAsync(admin, Events.Ingest, new { events = purchases })).AssertSuccess();

        var afterwards = (await platform.Http.PostAsync(admin, Profile, new { id = userId })).Data.GetProperty("user").GetProperty("scores");

        Assert.NotEqual(before.GetProperty("propensity").GetDouble(), afterwards.GetProperty("propensity").GetDouble());
        Assert.NotEqual(before.GetProperty("expectedSpend").GetDouble(), afterwards.GetProperty("expectedSpend").GetDouble());
        Assert.True(afterwards.GetProperty("scoredAt").GetDateTimeOffset() >= now, afterwards.ToString());

        // A campaign for the users on the live side of the change: the stored score would keep this user out.
        var (was, current) = (before.GetProperty("propensity").GetDouble(), afterwards.GetProperty("propensity").GetDouble());
        var audience = new { rule = new { field = "propensity", op = current > was ? "GT" : "LT", number = (was + current) / 2 } };
        var design = CampaignApiTests.Design(now.AddHours(-1), now.AddDays(7), new { holdoutShare = 0.0, audience });
        var campaignId = (await platform.Http.FieldAsync(admin, CampaignApiTests.Create, new { d = design }, "createCampaign")).GetProperty("id").GetString()!;
        await platform.Http.FieldAsync(admin, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id = campaignId }, "launchCampaign");
        var assignment = (await platform.Http.FieldAsync(admin, "query($c: ID!, $u: [ID!]!) { campaignAssignments(campaignId: $c, userIds: $u) { eligible ineligibleBecause } }", new { c = campaignId, u = new[] { userId } }, "campaignAssignments"))[0];
        Assert.True(assignment.GetProperty("eligible").GetBoolean(), assignment.ToString());
        var exposure = new { eventId = "live-score-exposure", userId, type = "CAMPAIGN_EXPOSURE", occurredAt = DateTimeOffset.UtcNow.ToString("O"), campaignId };
        (await platform.Http.PostAsync(admin, Events.Ingest, new { events = new[] { exposure } })).AssertSuccess();
        await Eventually.ReadUntilAsync(
            async () => (await platform.Http.FieldAsync(admin, "query($id: ID!) { campaign(id: $id) { kpis { reach } } }", new { id = campaignId }, "campaign")).GetProperty("kpis").GetProperty("reach").GetInt64(),
            reach => reach == 1);
    }

    [Fact]
    public async Task ATenantWithoutEventsFailsWithTheReason()
    {
        var (_, admin) = await platform.CreateTenantAsync("no-events");

        var run = await TrainAsync(admin);

        Assert.Equal("FAILED", run.GetProperty("status").GetString());
        Assert.StartsWith("The tenant has no events", run.GetProperty("error").GetString());
    }

    private async Task<JsonElement> TrainAsync(string admin)
    {
        var queued = await platform.Http.PostAsync(admin, $"mutation {{ trainModels(task: USERS) {{ {RunFields} }} }}");
        queued.AssertSuccess();
        var id = queued.Data.GetProperty("trainModels").GetProperty("id").GetString()!;
        return await Eventually.ReadUntilAsync(
            async () => (await platform.Http.PostAsync(admin, $"query($id: ID!) {{ trainingRun(id: $id) {{ {RunFields} }} }}", new { id })).Data.GetProperty("trainingRun"),
            run => run.GetProperty("status").GetString() is not ("QUEUED" or "RUNNING"),
            TimeSpan.FromSeconds(240));
    }

    private async Task<JsonElement> VersionAsync(string admin, string id)
    {
        var response = await platform.Http.PostAsync(admin, $"query($id: ID!) {{ modelVersion(id: $id) {{ {VersionFields} }} }}", new { id });
        response.AssertSuccess();
        return response.Data.GetProperty("modelVersion");
    }
}
