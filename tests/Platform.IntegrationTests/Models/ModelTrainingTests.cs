using System.Globalization;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.IntegrationTests.Support;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Models;

/// <summary>trainModels end to end: GraphQL, Hangfire, a worker process training with TorchSharp, the registry in PostgreSQL.</summary>
public sealed class ModelTrainingTests(ModelTrainingTests.SmallAudiences platform, ITestOutputHelper output) : IClassFixture<ModelTrainingTests.SmallAudiences>
{
    private const string RunFields = "id task status trigger queue attempts error progress { phase step steps epoch } version { id status promotion }";

    private const string VersionFields = """
        id status promotion checksum run { id }
        training { rows sampleShare trainRows validationRows testRows seed device threads durationMs }
        features { name kind }
        uplift { model { rows auc qini upliftAt10 qiniCurve { share gain } calibration { rows } } baseline { qini qiniCurve { share } } championVersionId campaigns { campaignId treated control observedLift predictedLift low95 high95 } hyperparameters { width members } candidates { width validationLoss } }
        """;

    [Fact]
    public async Task AnImportedExperimentTrainsAnActiveVersionThenAChallengerIsJudgedAgainstIt()
    {
        var (_, admin) = await platform.CreateTenantAsync("train");
        await ImportAsync(admin, 3000);

        // Two at once: one run, and a clear answer to the other.
        var twoAtOnce = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => platform.Http.PostAsync(admin, $"mutation {{ trainModels(task: UPLIFT) {{ {RunFields} }} }}")));
        var first = Assert.Single(twoAtOnce, r => r.ErrorCodes.Count == 0).Data.GetProperty("trainModels");
        var second = Assert.Single(twoAtOnce, r => r.ErrorCodes.Count > 0);
        Assert.Equal(["CONFLICT"], second.ErrorCodes);
        Assert.Contains(first.GetProperty("id").GetString()!, second.FirstError.GetProperty("message").GetString());
        var followed = await FollowAsync(admin, first.GetProperty("id").GetString()!);
        Assert.Equal("SUCCEEDED", followed[^1].GetProperty("status").GetString());
        Assert.Contains(followed, u => u.GetProperty("status").GetString() == "RUNNING");
        var run = await WaitAsync(admin, first.GetProperty("id").GetString()!);
        Expect.Equal("SUCCEEDED", run.GetProperty("status").GetString(), $"{run}\nworker output:\n{platform.Worker.Output}");
        Assert.Equal(("MANUAL", "cpu", 1), (run.GetProperty("trigger").GetString(), run.GetProperty("queue").GetString(), run.GetProperty("attempts").GetInt32()));
        Assert.Equal("ACTIVE", run.GetProperty("version").GetProperty("status").GetString());

        var champion = await VersionAsync(admin, run.GetProperty("version").GetProperty("id").GetString()!);
        Assert.StartsWith("ACTIVE: the tenant's first", champion.GetProperty("promotion").GetString());
        Assert.Equal((3000, 1.0), (champion.GetProperty("training").GetProperty("rows").GetInt64(), champion.GetProperty("training").GetProperty("sampleShare").GetDouble())); // under MaxRows: every row
        Assert.Equal("cpu", champion.GetProperty("training").GetProperty("device").GetString());
        Assert.Contains(champion.GetProperty("features").EnumerateArray(), f => f.GetProperty("name").GetString() == "age" && f.GetProperty("kind").GetString() == "NUMERIC");
        var uplift = champion.GetProperty("uplift");
        Assert.True(uplift.GetProperty("model").GetProperty("rows").GetInt32() > 300);
        Assert.True(uplift.GetProperty("model").GetProperty("auc").GetDouble() > 0.5);
        Assert.Equal("spring-ten-off", uplift.GetProperty("campaigns")[0].GetProperty("campaignId").GetString());
        Assert.Equal(3, uplift.GetProperty("candidates").GetArrayLength());
        Assert.Equal(21, uplift.GetProperty("model").GetProperty("qiniCurve").GetArrayLength());
        Assert.Equal(21, uplift.GetProperty("baseline").GetProperty("qiniCurve").GetArrayLength());
        Assert.Equal(uplift.GetProperty("model").GetProperty("rows").GetInt32(), uplift.GetProperty("model").GetProperty("calibration").EnumerateArray().Sum(b => b.GetProperty("rows").GetInt32()));

        // The ACTIVE version ranks live campaigns for a user it has never seen, with the value in parts and the reasons.
        await platform.Http.PostAsync(admin, "mutation { upsertUsers(users: [{id: \"young\", age: 22}]) { accepted } }");
        var tenOff = await Recommendations.RecommendationTests.LaunchAsync(platform.Http, admin, "Ten off", new { type = "AMOUNT_OFF", value = 10, holdoutShare = 0.0 });
        var deep = await Recommendations.RecommendationTests.LaunchAsync(platform.Http, admin, "Forty percent", new { value = 40, holdoutShare = 0.0 });
        var ranked = await platform.Http.FieldAsync(admin, Recommendations.RecommendationTests.Query, new { u = "young", first = 2 }, "recommendations");
        Assert.Equal((false, champion.GetProperty("id").GetString()), (ranked.GetProperty("fallback").GetBoolean(), ranked.GetProperty("modelVersionId").GetString()));
        var items = ranked.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new[] { deep, tenOff }.Order(), items.Select(i => i.GetProperty("campaign").GetProperty("id").GetString()).Order());
        Assert.True(items[0].GetProperty("score").GetDouble() >= items[1].GetProperty("score").GetDouble());
        Assert.All(items, i => Assert.InRange(i.GetProperty("score").GetDouble(), i.GetProperty("interval").GetProperty("low").GetDouble(), i.GetProperty("interval").GetProperty("high").GetDouble()));
        Assert.All(items, i => Assert.Equal(i.GetProperty("score").GetDouble(), i.GetProperty("breakdown").GetProperty("incrementalMargin").GetDouble(), 9));
        Assert.All(items, i => Assert.Contains(i.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("age: 22: ", StringComparison.Ordinal)));

        // The what-if: the same design on 60 young and 60 older shoppers it never saw; the model learned the offer works under 35.
        var shoppers = Enumerable.Range(0, 120).Select(i => new { id = $"f{i}", age = i < 60 ? 20 + (i % 10) : 50 + (i % 15), tags = new[] { i < 60 ? "young" : "older" } });
        (await platform.Http.PostAsync(admin, "mutation($u: [UserInput!]!) { upsertUsers(users: $u) { accepted } }", new { u = shoppers })).AssertSuccess();
        var young = await ForecastAsync(admin, new { tags = new[] { "young" } }, value: 10, budget: null);
        var older = await ForecastAsync(admin, new { tags = new[] { "older" } }, value: 10, budget: null);
        Assert.Equal(champion.GetProperty("id").GetString(), young.GetProperty("modelVersionId").GetString());
        Assert.Equal((60, 54.0), (young.GetProperty("audienceUsers").GetInt64(), young.GetProperty("treatedUsers").GetDouble())); // 10% holdout
        Assert.Empty(young.GetProperty("warnings").EnumerateArray());
        Assert.Equal(young.GetProperty("conversions").GetProperty("value").GetDouble(), young.GetProperty("orders").GetProperty("value").GetDouble(), 6); // the experiment records bought or not: one order a converter
        var lift = young.GetProperty("incrementalConversions");
        Assert.InRange(lift.GetProperty("value").GetDouble(), lift.GetProperty("low80").GetDouble(), lift.GetProperty("high80").GetDouble());
        Assert.True(lift.GetProperty("low95").GetDouble() <= lift.GetProperty("low80").GetDouble());
        Assert.True(lift.GetProperty("value").GetDouble() > older.GetProperty("incrementalConversions").GetProperty("value").GetDouble(), $"young {young}\nolder {older}");
        Assert.Equal("none", young.GetProperty("segments")[0].GetProperty("name").GetString());
        // How big a holdout the forecast lift needs: 5% to 50% and the design's own 10%; a bigger holdout needs fewer users.
        var plans = young.GetProperty("holdoutPlans").EnumerateArray().ToList();
        Assert.Equal([0.05, 0.1, 0.2, 0.3, 0.5], plans.Select(p => p.GetProperty("holdoutShare").GetDouble()));
        var needed = plans.Select(p => p.GetProperty("usersNeeded").GetInt64()).ToList();
        Assert.True(needed.Zip(needed.Skip(1)).All(pair => pair.First > pair.Second), string.Join(", ", needed));
        Assert.All(plans, p => Assert.Equal(p.GetProperty("usersNeeded").GetInt64() <= 60, p.GetProperty("feasible").GetBoolean()));

        var capped = await ForecastAsync(admin, new { tags = new[] { "young" } }, value: 10, budget: young.GetProperty("discountCost").GetProperty("value").GetDouble() / 4);
        Assert.Equal(0.25, capped.GetProperty("budgetShare").GetDouble(), 6);
        Assert.NotEqual(JsonValueKind.Null, capped.GetProperty("budgetRunsOutAt").ValueKind);
        var deeper = await ForecastAsync(admin, new { tags = new[] { "young" } }, value: 40, budget: null);
        Assert.Contains("outside the PERCENT_OFF values", Assert.Single(deeper.GetProperty("warnings").EnumerateArray()).GetString());

        await ASavedDraftAnEmptyAudienceAndAnotherTenantsIdsAsync(admin, champion.GetProperty("id").GetString()!, tenOff);

        // Per-shopper scores: paged in user id order, or the whole audience sorted by uplift; and as a CSV targeting list.
        var firstPage = await ScoreAsync(admin, new { tags = new[] { "young" } }, "USER_ID", after: null);
        Assert.Equal((50, true), (firstPage.GetProperty("nodes").GetArrayLength(), firstPage.GetProperty("hasNextPage").GetBoolean()));
        var secondPage = await ScoreAsync(admin, new { tags = new[] { "young" } }, "USER_ID", firstPage.GetProperty("endCursor").GetString());
        Assert.Equal((10, false), (secondPage.GetProperty("nodes").GetArrayLength(), secondPage.GetProperty("hasNextPage").GetBoolean()));
        var everyone = await ScoreAsync(admin, new { tags = new[] { "young", "older" } }, "UPLIFT_DESC", after: null, first: 120);
        var uplifts = everyone.GetProperty("nodes").EnumerateArray().Select(n => (User: n.GetProperty("userId").GetString()!, Uplift: n.GetProperty("uplift").GetProperty("value").GetDouble())).ToList();
        Assert.Equal(uplifts.Select(u => u.Uplift).OrderDescending(), uplifts.Select(u => u.Uplift));
        Assert.True(uplifts.Take(60).Count(u => int.Parse(u.User[1..], CultureInfo.InvariantCulture) < 60) > 45, "the young should mostly rank first"); // f0..f59 are young
        var both = await platform.Http.PostAsync(admin, "query($d: CampaignDesignInput!) { scoreShoppers(campaignId: \"x\", design: $d) { hasNextPage } }", new { d = Campaigns.CampaignApiTests.Design(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(3)) });
        Assert.Equal(("campaignId", "one_of"), (both.FirstError.GetProperty("extensions").GetProperty("field").GetString(), both.FirstError.GetProperty("extensions").GetProperty("rule").GetString()));

        var folder = Directory.CreateTempSubdirectory("target-");
        var designFile = Path.Combine(folder.FullName, "design.json");
        var audienceFile = Path.Combine(folder.FullName, "audience.csv");
        await File.WriteAllTextAsync(designFile, JsonSerializer.Serialize(Campaigns.CampaignApiTests.Design(DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(15), new { value = 10 })));
        await File.WriteAllLinesAsync(audienceFile, ["visits,User_ID", .. Enumerable.Range(0, 70).Select(i => $"3,f{i}"), "4,nobody-knows-me"]);
        var csv = new StringWriter();
        var progress = new StringWriter();
        using (var http = new HttpClient())
        {
            Assert.Equal(0, await new Platform.Cli.Commands.TargetCommand(new Platform.Cli.GraphQLClient(http, platform.Node.GraphQLUri), progress)
                .RunAsync(admin, designFile, audienceFile, idColumn: null, csv, CancellationToken.None));
        }

        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("user_id,conversion_without,conversion_with,uplift,", lines[0]);
        Assert.Equal(70, lines.Length - 1);
        var margins = lines.Skip(1).Select(l => double.Parse(l.Split(',')[8], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(margins.OrderDescending(), margins);
        Assert.Contains("1 users are unknown to the tenant", progress.ToString());

        await OptimizerSearchesFollowsAndRefusesAsync(admin, champion.GetProperty("id").GetString()!);

        var challengerRun = await WaitAsync(admin, (await TrainAsync(admin)).GetProperty("id").GetString()!);
        Expect.Equal("SUCCEEDED", challengerRun.GetProperty("status").GetString(), challengerRun.ToString());
        var challenger = await VersionAsync(admin, challengerRun.GetProperty("version").GetProperty("id").GetString()!);
        Assert.Equal(champion.GetProperty("id").GetString(), challenger.GetProperty("uplift").GetProperty("championVersionId").GetString());
        // Same data, seed and thread count: bit-identical weights, so the challenger ties and stays a CANDIDATE.
        Assert.Equal(champion.GetProperty("checksum").GetString(), challenger.GetProperty("checksum").GetString());
        Assert.Equal("CANDIDATE", challenger.GetProperty("status").GetString());

        var versions = await VersionsAsync(admin);
        Assert.Single(versions, v => v.GetProperty("status").GetString() == "ACTIVE");
        var candidate = versions.Single(v => v.GetProperty("status").GetString() != "ACTIVE");
        var promoted = await platform.Http.PostAsync(admin, "mutation($id: ID!) { promoteModel(versionId: $id) { id status promotion } }", new { id = candidate.GetProperty("id").GetString() });
        promoted.AssertSuccess();
        Assert.Equal("ACTIVE", promoted.Data.GetProperty("promoteModel").GetProperty("status").GetString());
        Assert.Contains("by admin key", promoted.Data.GetProperty("promoteModel").GetProperty("promotion").GetString());
        var after = await VersionsAsync(admin);
        Assert.Equal(["ACTIVE", "RETIRED"], after.Select(v => v.GetProperty("status").GetString()).Order());

        // Serving nodes swap to the promoted version within seconds.
        await Eventually.ReadUntilAsync(
            () => platform.Http.FieldAsync(admin, Recommendations.RecommendationTests.Query, new { u = "young", first = 2 }, "recommendations"),
            r => r.GetProperty("modelVersionId").GetString() == candidate.GetProperty("id").GetString(), TimeSpan.FromSeconds(20));

        // Launching keeps the forecast the campaign starts with (last: its outcome rows would change what the trainings above read);
        // tracking sets the measured lift (its always-valid interval: 30 users a side at least) against it, hour by hour.
        var tracked = await Recommendations.RecommendationTests.LaunchAsync(platform.Http, admin, "Everyone ten", new { holdoutShare = 0.5, audience = new { tags = new[] { "young", "older" } } });
        var at = DateTimeOffset.UtcNow;
        IEnumerable<object> LaunchEvents(int i)
        {
            yield return new { eventId = $"track-{i}", userId = $"f{i}", type = "CAMPAIGN_EXPOSURE", occurredAt = at.ToString("O"), campaignId = tracked };
            if (i % 2 == 0) // half of them take part
            {
                yield return new { eventId = $"track-click-{i}", userId = $"f{i}", type = "CAMPAIGN_CLICK", occurredAt = at.ToString("O"), campaignId = tracked };
            }

            if (i % 3 == 0) // a third of them buy with the coupon
            {
                yield return new { eventId = $"track-buy-{i}", userId = $"f{i}", type = "PURCHASE", occurredAt = at.AddSeconds(1).ToString("O"), itemId = "sku", amount = 20m, currency = "EUR", quantity = 1 };
                yield return new { eventId = $"track-redeem-{i}", userId = $"f{i}", type = "COUPON_REDEEM", occurredAt = at.AddSeconds(1).ToString("O"), campaignId = tracked, amount = 2m, currency = "EUR" };
            }
        }

        (await platform.Http.PostAsync(admin, "mutation($e: [EventInput!]!) { ingestEvents(events: $e) { accepted } }", new { e = Enumerable.Range(0, 120).SelectMany(LaunchEvents) })).AssertSuccess();
        static JsonElement Latest(JsonElement campaign)
        {
            var points = campaign.GetProperty("tracking").GetProperty("points");
            return points[points.GetArrayLength() - 1];
        }

        static double Actual(JsonElement point, string figure) => point.GetProperty(figure).GetProperty("actual").GetProperty("value").GetDouble();
        var trackedCampaign = await Eventually.ReadUntilAsync(
            () => platform.Http.FieldAsync(admin, """
                query($id: ID!) { campaign(id: $id) {
                  kpis { participationRate discountCost treatment { users } control { users } }
                  launchForecast { modelVersionId audienceUsers incrementalConversions { value low95 high95 } }
                  tracking { alert alertSince points {
                    at status actual { value low high } expected { value low95 high95 } revenue { status expected { value } }
                    conversionRate { status actual { value } expected { value } } participation { status actual { value } expected { value } }
                    discountCost { status actual { value } expected { value } } } }
                } }
                """, new { id = tracked }, "campaign"),
            // tracking stays null until the launch forecast, made in the background after launchCampaign, is stored; then
            // read until every user is enrolled and the latest hour holds the KPIs' last update.
            c => c.GetProperty("tracking") is { ValueKind: JsonValueKind.Object } t && t.GetProperty("points").GetArrayLength() > 0
                && c.GetProperty("kpis") is var k && k.GetProperty("treatment").GetProperty("users").GetInt64() + k.GetProperty("control").GetProperty("users").GetInt64() == 120
                && Latest(c).GetProperty("status").GetString() != "NO_DATA"
                && Math.Abs(Actual(Latest(c), "participation") - k.GetProperty("participationRate").GetDouble()) < 1e-9);
        Assert.Equal((candidate.GetProperty("id").GetString(), 120L), (trackedCampaign.GetProperty("launchForecast").GetProperty("modelVersionId").GetString(), trackedCampaign.GetProperty("launchForecast").GetProperty("audienceUsers").GetInt64()));
        var points = trackedCampaign.GetProperty("tracking").GetProperty("points");
        var point = points[points.GetArrayLength() - 1];
        Assert.Contains(point.GetProperty("status").GetString(), new[] { "INSIDE", "ABOVE", "BELOW" });
        Assert.True(point.GetProperty("expected").GetProperty("value").GetDouble() >= 0);
        Assert.Contains(point.GetProperty("revenue").GetProperty("status").GetString(), new[] { "INSIDE", "ABOVE", "BELOW", "NO_DATA" });
        var kpis = trackedCampaign.GetProperty("kpis");
        Assert.Equal(kpis.GetProperty("discountCost").GetDouble() / kpis.GetProperty("treatment").GetProperty("users").GetInt64(), Actual(point, "discountCost"), 9);
        foreach (var figure in new[] { "conversionRate", "participation", "discountCost" }) // about 60 treated users: a third bought and redeemed, half took part
        {
            Assert.Contains(point.GetProperty(figure).GetProperty("status").GetString(), new[] { "INSIDE", "ABOVE", "BELOW" });
            Assert.True(point.GetProperty(figure).GetProperty("expected").GetProperty("value").GetDouble() >= 0);
        }

        Assert.False(trackedCampaign.GetProperty("tracking").GetProperty("alert").GetBoolean()); // one hour: no run of three

        // Once ended it is back-tested against the version that forecast it; complete only when its last window closes.
        (await platform.Http.PostAsync(admin, "mutation($id: ID!) { endCampaign(id: $id) { status } }", new { id = tracked })).AssertSuccess();
        // Outcome rows are written within about a second of the events: read until all 120 users are enrolled.
        var backtest = await Eventually.ReadUntilAsync(
            async () => (await VersionAsync(admin, candidate.GetProperty("id").GetString()!, "backtest { measured conversionCoverage95 marginCoverage95 campaigns { campaignId complete treatedUsers controlUsers conversionRateLift { forecast { value low95 high95 } actual { value } error inside95 } incrementalMarginPerUser { forecast { value } actual { value } error } } }"))
                .GetProperty("backtest"),
            b => b.GetProperty("campaigns").EnumerateArray().Sum(c => c.GetProperty("treatedUsers").GetInt64() + c.GetProperty("controlUsers").GetInt64()) == 120);
        var tested = Assert.Single(backtest.GetProperty("campaigns").EnumerateArray());
        Assert.Equal((tracked, false), (tested.GetProperty("campaignId").GetString(), tested.GetProperty("complete").GetBoolean()));
        var testedLift = tested.GetProperty("conversionRateLift");
        Assert.Equal(testedLift.GetProperty("forecast").GetProperty("value").GetDouble() - testedLift.GetProperty("actual").GetProperty("value").GetDouble(), testedLift.GetProperty("error").GetDouble(), 9);
        var testedMargin = tested.GetProperty("incrementalMarginPerUser");
        Assert.Equal(testedMargin.GetProperty("forecast").GetProperty("value").GetDouble() - testedMargin.GetProperty("actual").GetProperty("value").GetDouble(), testedMargin.GetProperty("error").GetDouble(), 9);
        Assert.Equal((0, JsonValueKind.Null, JsonValueKind.Null), (backtest.GetProperty("measured").GetInt32(), backtest.GetProperty("conversionCoverage95").ValueKind, backtest.GetProperty("marginCoverage95").ValueKind));

        await UpliftAudiencesPickTheBestAndACampaignFreezesItsPicksAtLaunchAsync(admin);
        await AChangedAttributeSchemaKeepsTheVersionServingAsync(admin, candidate.GetProperty("id").GetString()!);
        await AnAudienceOverTheLimitIsRefusedAsync(admin, tracked);
    }

    /// <summary>A worker beside a node that reads audiences of at most <see cref="AudienceLimit"/> users whole, so that a test can pass the limit.</summary>
    public sealed class SmallAudiences : PlatformWithWorker
    {
        public const int AudienceLimit = 6_000;

        protected override IReadOnlyDictionary<string, string> Overrides { get; } =
            new Dictionary<string, string> { ["Platform:Decisions:MaxAudienceUsers"] = AudienceLimit.ToString(CultureInfo.InvariantCulture) };
    }

    // Last: the users added here would make every later audience of everyone too large.
    private async Task AnAudienceOverTheLimitIsRefusedAsync(string admin, string campaignId)
    {
        for (var batch = 0; batch < 3; batch++)
        {
            var users = Enumerable.Range(batch * 1_000, 1_000).Select(i => new { id = $"crowd-{i}", age = 30 });
            (await platform.Http.PostAsync(admin, "mutation($u: [UserInput!]!) { upsertUsers(users: $u) { accepted } }", new { u = users })).AssertSuccess();
        }

        var everyone = await platform.Http.PostAsync(admin, "query($d: CampaignDesignInput!) { forecast(design: $d) { audienceUsers } }", new { d = ForecastDesign(value: 10) });
        Assert.Equal(["INVALID_ARGUMENT"], everyone.ErrorCodes);
        Assert.Equal(("audience", "too_large"), (everyone.FirstError.GetProperty("extensions").GetProperty("field").GetString(), everyone.FirstError.GetProperty("extensions").GetProperty("rule").GetString()));
        Assert.Contains($"at most {SmallAudiences.AudienceLimit} can be scored at once", everyone.FirstError.GetProperty("message").GetString());

        // Every other reader of a whole audience refuses it alike, before anything is scored or queued.
        var design = ForecastDesign(value: 10);
        foreach (var (operation, variables, field) in new (string, object, string)[]
        {
            ("query($d: CampaignDesignInput!) { scoreShoppers(design: $d, orderBy: UPLIFT_DESC) { nodes { userId } } }", new { d = design }, "audience"),
            ("mutation($i: OptimizeCampaignInput!) { optimizeCampaign(input: $i) { id } }", new { i = new { design } }, "audience"),
            ("query($c: ID!) { users(audience: { uplift: { keep: POSITIVE_MARGIN, campaignId: $c } }) { nodes { userId } } }", new { c = campaignId }, "audience.uplift.among"),
        })
        {
            var refused = await platform.Http.PostAsync(admin, operation, variables);
            Assert.Equal(["INVALID_ARGUMENT"], refused.ErrorCodes);
            Assert.Equal((field, "too_large"), (refused.FirstError.GetProperty("extensions").GetProperty("field").GetString(), refused.FirstError.GetProperty("extensions").GetProperty("rule").GetString()));
        }
    }

    // The run now, then at every change, until it finishes (docs/models.md#following-a-run).
    private async Task<List<JsonElement>> FollowAsync(string admin, string runId)
    {
        await using var socket = await WebSocketClient.ConnectAsync(platform.Node.GraphQLUri);
        await socket.InitialiseAsync(admin);
        await socket.SubscribeAsync("run", "subscription($id: ID!) { trainingProgress(runId: $id) { status progress { phase step steps epoch } } }", new { id = runId });
        var updates = new List<JsonElement>();
        for (var message = await socket.ReceiveAsync(TimeSpan.FromSeconds(120)); message.GetProperty("type").GetString() == "next"; message = await socket.ReceiveAsync(TimeSpan.FromSeconds(120)))
        {
            updates.Add(message.GetProperty("payload").GetProperty("data").GetProperty("trainingProgress"));
        }

        Assert.NotEmpty(updates);
        return updates;
    }

    // With the tenant's first version ACTIVE: a saved campaign is forecast as it stands, an audience of nobody is all zeros,
    // and another tenant's campaign and version ids are not found, whichever tenant asks.
    private async Task ASavedDraftAnEmptyAudienceAndAnotherTenantsIdsAsync(string admin, string versionId, string campaignId)
    {
        var saved = await platform.Http.FieldAsync(admin, "query($id: ID!) { forecastCampaign(id: $id) { modelVersionId audienceUsers incrementalConversions { value low95 high95 } } }", new { id = campaignId }, "forecastCampaign");
        Assert.Equal(versionId, saved.GetProperty("modelVersionId").GetString());
        Assert.True(saved.GetProperty("audienceUsers").GetInt64() > 0, saved.ToString());

        var nobody = await ForecastAsync(admin, new { tags = new[] { "no-one-has-this-tag" } }, value: 10, budget: null);
        Assert.Equal((0L, 0.0, 0.0), (nobody.GetProperty("audienceUsers").GetInt64(), nobody.GetProperty("treatedUsers").GetDouble(), nobody.GetProperty("incrementalConversions").GetProperty("high95").GetDouble()));

        var (_, other) = await platform.CreateTenantAsync("other-ids");
        var foreign = await Recommendations.RecommendationTests.LaunchAsync(platform.Http, other, "Theirs", new { holdoutShare = 0.0 });
        Assert.Equal(["NOT_FOUND"], (await platform.Http.PostAsync(admin, "query($id: ID!) { forecastCampaign(id: $id) { audienceUsers } }", new { id = foreign })).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await platform.Http.PostAsync(admin, "query($c: ID!) { scoreShoppers(campaignId: $c) { hasNextPage } }", new { c = foreign })).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await platform.Http.PostAsync(admin, "query($c: ID!) { users(audience: { uplift: { keep: POSITIVE_MARGIN, campaignId: $c } }) { nodes { userId } } }", new { c = foreign })).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await platform.Http.PostAsync(admin, "query($id: ID!) { forecastCampaign(id: $id, audience: { all: true }) { audienceUsers } }", new { id = foreign })).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await platform.Http.PostAsync(other, "mutation($id: ID!) { promoteModel(versionId: $id) { id } }", new { id = versionId })).ErrorCodes);
        Assert.Equal(JsonValueKind.Null, (await platform.Http.PostAsync(other, "query($id: ID!) { modelVersion(id: $id) { id } }", new { id = versionId })).Data.GetProperty("modelVersion").ValueKind);
    }

    // The tenant redeclares 'visits' (a numeric feature of the ACTIVE version) as categorical and stores texts in it: the
    // version keeps serving, reading such a value as missing (docs/models.md#when-the-tenants-data-changes).
    private async Task AChangedAttributeSchemaKeepsTheVersionServingAsync(string admin, string versionId)
    {
        var version = await VersionAsync(admin, versionId);
        Assert.Contains(version.GetProperty("features").EnumerateArray(), f => f.GetProperty("name").GetString() == "visits" && f.GetProperty("kind").GetString() == "NUMERIC");
        (await platform.Http.PostAsync(admin, "mutation { setAttributeSchema(attributes: [{name: \"age\", kind: NUMERIC}, {name: \"visits\", kind: CATEGORICAL}]) { id } }")).AssertSuccess();
        (await platform.Http.PostAsync(admin, "mutation { upsertUsers(users: [{id: \"renamed-visits\", age: 24, attributes: [{name: \"visits\", text: \"many\"}], tags: [\"changed\"]}]) { accepted } }")).AssertSuccess();

        var ranked = await Eventually.ReadUntilAsync(
            () => platform.Http.FieldAsync(admin, Recommendations.RecommendationTests.Query, new { u = "renamed-visits", first = 2 }, "recommendations"),
            r => r.GetProperty("items").GetArrayLength() > 0);
        Assert.Equal((false, versionId), (ranked.GetProperty("fallback").GetBoolean(), ranked.GetProperty("modelVersionId").GetString()));
        var forecast = await ForecastAsync(admin, new { tags = new[] { "changed" } }, value: 10, budget: null);
        Assert.Equal((versionId, 1L), (forecast.GetProperty("modelVersionId").GetString(), forecast.GetProperty("audienceUsers").GetInt64()));
    }

    // f0..f119 (60 young, 60 older): an uplift audience keeps the users scoreShoppers ranks first; a campaign launched with one
    // enrolls only the users it picked then.
    private async Task UpliftAudiencesPickTheBestAndACampaignFreezesItsPicksAtLaunchAsync(string admin)
    {
        var shoppers = new { tags = new[] { "young", "older" } };
        var now = DateTimeOffset.UtcNow;
        var quarter = new { keep = "TOP_PERCENT", percent = 25.0, among = shoppers };
        var design = Campaigns.CampaignApiTests.Design(now.AddHours(-1), now.AddDays(9), new { value = 10, holdoutShare = 0.0, audience = new { uplift = quarter } });
        var draft = (await platform.Http.FieldAsync(admin, Campaigns.CampaignApiTests.Create, new { d = design }, "createCampaign")).GetProperty("id").GetString()!;
        var nodes = (await platform.Http.FieldAsync(admin, """
            query($c: ID!, $a: AudienceInput) { scoreShoppers(campaignId: $c, audience: $a, orderBy: INCREMENTAL_MARGIN_DESC, first: 120) { nodes { userId incrementalMargin { value } uplift { value } } } }
            """, new { c = draft, a = shoppers }, "scoreShoppers")).GetProperty("nodes").EnumerateArray().ToList();
        var scored = nodes.ToDictionary(n => n.GetProperty("userId").GetString()!, n => n.GetProperty("incrementalMargin").GetProperty("value").GetDouble());
        var uplifts = nodes.ToDictionary(n => n.GetProperty("userId").GetString()!, n => n.GetProperty("uplift").GetProperty("value").GetDouble());

        var audience = new { uplift = new { quarter.keep, quarter.percent, quarter.among, campaignId = draft } };
        var listed = await platform.Http.FieldAsync(admin, "query($a: AudienceInput!) { users(audience: $a, first: 500) { nodes { userId } } }", new { a = audience }, "users");
        var picked = listed.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("userId").GetString()!).ToHashSet();
        Assert.Equal(30, picked.Count); // 25% of 120
        Assert.True(picked.Min(u => scored[u]) >= scored.Where(s => !picked.Contains(s.Key)).Max(s => s.Value) - 1e-6, "the top quarter by expected incremental margin");
        var byUplift = (await platform.Http.FieldAsync(admin, "query($a: AudienceInput!) { users(audience: $a, first: 500) { nodes { userId } } }",
            new { a = new { uplift = new { keep = "TOP_UPLIFT_PERCENT", quarter.percent, quarter.among, campaignId = draft } } }, "users"))
            .GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("userId").GetString()!).ToHashSet();
        Assert.Equal(30, byUplift.Count); // here the same users as by margin (two groups of alike users); DesignSweepTests has users the two tell apart
        Assert.True(byUplift.Min(u => uplifts[u]) >= uplifts.Where(s => !byUplift.Contains(s.Key)).Max(s => s.Value) - 1e-6, "the top quarter by conversion uplift");
        var summary = await platform.Http.FieldAsync(admin, "query($a: AudienceInput!) { audienceSummary(audience: $a) { users } }", new { a = audience }, "audienceSummary");
        Assert.Equal(30, summary.GetProperty("users").GetInt64());
        var positive = await ForecastAsync(admin, new { uplift = new { keep = "POSITIVE_MARGIN", among = shoppers } }, value: 10, budget: null);
        var underTheForecastsDesign = (await platform.Http.FieldAsync(admin, """
            query($d: CampaignDesignInput!, $a: AudienceInput) { scoreShoppers(design: $d, audience: $a, first: 120) { nodes { incrementalMargin { value } } } }
            """, new { d = ForecastDesign(value: 10), a = shoppers }, "scoreShoppers")).GetProperty("nodes").EnumerateArray();
        Assert.Equal(underTheForecastsDesign.Count(n => n.GetProperty("incrementalMargin").GetProperty("value").GetDouble() > 0), positive.GetProperty("audienceUsers").GetInt64());

        var unnamed = await platform.Http.PostAsync(admin, "{ users(audience: { uplift: { keep: POSITIVE_MARGIN } }) { nodes { userId } } }");
        Assert.Equal(("audience.uplift.campaignId", "required"), (unnamed.FirstError.GetProperty("extensions").GetProperty("field").GetString(), unnamed.FirstError.GetProperty("extensions").GetProperty("rule").GetString()));
        var noPercent = await platform.Http.PostAsync(admin, "query($c: ID!) { users(audience: { uplift: { keep: TOP_PERCENT, campaignId: $c } }) { nodes { userId } } }", new { c = draft });
        Assert.Equal(("audience.uplift.percent", "out_of_range"), (noPercent.FirstError.GetProperty("extensions").GetProperty("field").GetString(), noPercent.FirstError.GetProperty("extensions").GetProperty("rule").GetString()));

        await platform.Http.FieldAsync(admin, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id = draft }, "launchCampaign");
        var everyone = scored.Keys.ToList();
        var sides = (await platform.Http.FieldAsync(admin, "query($c: ID!, $u: [ID!]!) { campaignAssignments(campaignId: $c, userIds: $u) { userId eligible } }", new { c = draft, u = everyone }, "campaignAssignments"))
            .EnumerateArray().ToDictionary(a => a.GetProperty("userId").GetString()!, a => a.GetProperty("eligible").GetBoolean());
        Assert.Equal(picked.Order(), sides.Where(s => s.Value).Select(s => s.Key).Order()); // the same model and profiles: the same picks

        var at = DateTimeOffset.UtcNow;
        var exposures = everyone.Select(u => new { eventId = $"uplift-seen-{u}", userId = u, type = "CAMPAIGN_EXPOSURE", occurredAt = at.ToString("O"), campaignId = draft });
        (await platform.Http.PostAsync(admin, "mutation($e: [EventInput!]!) { ingestEvents(events: $e) { accepted } }", new { e = exposures })).AssertSuccess();
        var launched = await Eventually.ReadUntilAsync(
            () => platform.Http.FieldAsync(admin, "query($id: ID!) { campaign(id: $id) { audience kpis { reach } launchForecast { audienceUsers } } }", new { id = draft }, "campaign"),
            c => c.GetProperty("kpis").GetProperty("reach").GetInt64() == 30 && c.GetProperty("launchForecast").ValueKind == JsonValueKind.Object);
        Assert.Equal(30, launched.GetProperty("launchForecast").GetProperty("audienceUsers").GetInt64()); // forecast over the frozen picks
        Assert.DoesNotContain("targeting", launched.GetProperty("audience").GetString()); // echoed in the shape of AudienceInput
        Assert.Contains("\"uplift\":{\"keep\":\"TOP_PERCENT\",\"percent\":25,", launched.GetProperty("audience").GetString());

        // A forgotten user leaves every stored pick.
        var forgotten = picked.First();
        Assert.Equal(30, await StoredPicksAsync(draft));
        (await platform.Http.PostAsync(admin, "mutation($id: ID!) { forgetUser(id: $id) { events } }", new { id = forgotten })).AssertSuccess();
        Assert.Equal((29, 0), (await StoredPicksAsync(draft), await StoredPicksAsync(draft, forgotten)));

        // A SCHEDULED campaign picks again when its audience changes, and drops its picks once it is no longer an uplift audience.
        var later = Campaigns.CampaignApiTests.Design(now.AddDays(2), now.AddDays(9), new { value = 10, holdoutShare = 0.0, audience = new { uplift = quarter } });
        var scheduled = (await platform.Http.FieldAsync(admin, Campaigns.CampaignApiTests.Create, new { d = later }, "createCampaign")).GetProperty("id").GetString()!;
        Assert.Equal("SCHEDULED", (await platform.Http.FieldAsync(admin, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id = scheduled }, "launchCampaign")).GetProperty("status").GetString());
        Assert.Equal(30, await StoredPicksAsync(scheduled)); // ⌈119 × 0.25⌉ of the users left
        Task<long> LaunchForecastUsersAsync(long expected) => Eventually.ReadUntilAsync(
            async () => (await platform.Http.FieldAsync(admin, "query($id: ID!) { campaign(id: $id) { launchForecast { audienceUsers } } }", new { id = scheduled }, "campaign"))
                .GetProperty("launchForecast") is { ValueKind: JsonValueKind.Object } f ? f.GetProperty("audienceUsers").GetInt64() : -1,
            users => users == expected);
        Assert.Equal(30, await LaunchForecastUsersAsync(30));
        const string ChangeAudience = "mutation($id: ID!, $a: AudienceInput!) { updateCampaign(id: $id, changes: { audience: $a }) { status } }";
        (await platform.Http.PostAsync(admin, ChangeAudience, new { id = scheduled, a = new { uplift = quarter with { percent = 50.0 } } })).AssertSuccess();
        Assert.Equal(60, await StoredPicksAsync(scheduled)); // ⌈119 × 0.5⌉
        Assert.Equal(60, await LaunchForecastUsersAsync(60)); // its launch forecast is made again, over the new picks
        (await platform.Http.PostAsync(admin, ChangeAudience, new { id = scheduled, a = shoppers })).AssertSuccess();
        Assert.Equal(0, await StoredPicksAsync(scheduled));
    }

    // A fresh tenant with 1,500 users of the synthetic experiment and its first UPLIFT version (ACTIVE).
    private async Task<(string TenantId, string Admin, JsonElement Run)> TrainedTenantAsync(string name)
    {
        var (tenantId, admin) = await platform.CreateTenantAsync(name);
        await ImportAsync(admin, 1500);
        var run = await WaitAsync(admin, (await TrainAsync(admin)).GetProperty("id").GetString()!);
        Expect.Equal("SUCCEEDED", run.GetProperty("status").GetString(), run.ToString());
        return (tenantId, admin, run);
    }

    // Overwrites a byte of a version's stored weights (their checksum no longer matches) and sets its status.
    private async Task CorruptAsync(string tenantId, Guid versionId, string status)
    {
        await using var dataSource = NpgsqlDataSource.Create(platform.Settings.ConnectionString);
        await using var corrupt = dataSource.CreateCommand(
            "UPDATE models.versions SET weights = overlay(weights placing '\\x00'::bytea from 100), status = @status WHERE tenant_id = @tenant AND id = @id");
        corrupt.Parameters.AddWithValue("tenant", tenantId);
        corrupt.Parameters.AddWithValue("id", versionId);
        corrupt.Parameters.AddWithValue("status", status);
        Assert.Equal(1, await corrupt.ExecuteNonQueryAsync());
    }

    // The users a campaign's uplift audience picked at launch, as stored (campaigns.audience_picks); of one user when given.
    private async Task<long> StoredPicksAsync(string campaignId, string? userId = null)
    {
        await using var dataSource = NpgsqlDataSource.Create(platform.Settings.ConnectionString);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM campaigns.audience_picks WHERE campaign_id = @campaign AND (@user::text IS NULL OR user_id = @user)");
        count.Parameters.AddWithValue("campaign", campaignId);
        count.Parameters.Add(new NpgsqlParameter("user", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)userId ?? DBNull.Value });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task AnExperimentWithoutRevenueIsForecastInConversionsUntilAConversionsValueIsGiven()
    {
        // Many public experiments record conversions only (Criteo's, Starbucks'): the model has no order values to learn.
        var (_, admin) = await platform.CreateTenantAsync("no-revenue");
        object Options(decimal? conversionValue) => new
        {
            experiment = new
            {
                name = "spring", userIdColumn = "id", assignmentColumn = "offer", controlValues = new[] { "0" },
                arms = new[] { new { value = "1", name = "ten-off", type = "PERCENT_OFF", amount = 10, channel = "EMAIL" } },
                conversionColumn = "bought", conversionValue, featureColumns = new[] { "age", "visits" }, windowDays = 14,
            },
        };
        var job = await ImportCalls.ImportAsync(platform.Http, admin, "EXPERIMENT", "spring.csv", SyntheticExperiment.Csv(1500), Options(conversionValue: null));
        Expect.Equal("SUCCEEDED", job.GetProperty("status").GetString(), job.ToString());
        Expect.Equal("SUCCEEDED", (await WaitAsync(admin, (await TrainAsync(admin)).GetProperty("id").GetString()!)).GetProperty("status").GetString(), "training");

        var now = DateTimeOffset.UtcNow;
        var fiveOff = Campaigns.CampaignApiTests.Design(now.AddDays(1), now.AddDays(15), new { type = "AMOUNT_OFF", value = 5, attributionWindowDays = 14 });
        var forecast = await platform.Http.FieldAsync(admin, """
            query($d: CampaignDesignInput!) { forecast(design: $d, audience: { all: true }) {
              warnings incrementalConversions { value }
              gmv { value low95 high95 } incrementalGmv { value low95 high95 } discountCost { value low95 high95 } incrementalMargin { value low95 high95 }
            } }
            """, new { d = fiveOff }, "forecast");
        var recommended = await platform.Http.FieldAsync(admin, "query { recommendations(userId: \"u1\") { objective fallback } }", null, "recommendations");

        Assert.Contains(forecast.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("The experiments this model learned from recorded no revenue", StringComparison.Ordinal));
        Assert.True(forecast.GetProperty("incrementalConversions").GetProperty("value").GetDouble() > 0);
        Assert.All(
            new[] { "gmv", "incrementalGmv", "discountCost", "incrementalMargin" }.SelectMany(name => new[] { "value", "low95", "high95" }.Select(part => forecast.GetProperty(name).GetProperty(part))),
            figure => Assert.Equal(0, figure.GetDouble())); // an amount off costs at most the order, whose value is not known

        // A cost per contact is the one cost known: the margin is minus it, and no ROI is made of it alone.
        var mailedWithout = await platform.Http.FieldAsync(admin, """
            query($d: CampaignDesignInput!) { forecast(design: $d, audience: { all: true }) { treatedUsers contactCost { value } incrementalMargin { value } roi { value } } }
            """, new { d = Campaigns.CampaignApiTests.Design(now.AddDays(1), now.AddDays(15), new { type = "AMOUNT_OFF", value = 5, attributionWindowDays = 14, costPerContact = 0.5 }) }, "forecast");
        var contactsWithout = 0.5 * mailedWithout.GetProperty("treatedUsers").GetDouble();
        Assert.Equal(contactsWithout, mailedWithout.GetProperty("contactCost").GetProperty("value").GetDouble(), 6);
        Assert.Equal(-contactsWithout, mailedWithout.GetProperty("incrementalMargin").GetProperty("value").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, mailedWithout.GetProperty("roi").ValueKind);

        // What ranks by margin is refused, naming what to use instead.
        foreach (var (operation, variables, field) in new (string, object, string)[]
        {
            ("mutation($i: OptimizeCampaignInput!) { optimizeCampaign(input: $i) { id } }", new { i = new { design = fiveOff, values = new[] { 5, 10 } } }, "input"),
            ("{ users(audience: { uplift: { keep: POSITIVE_MARGIN, campaignId: \"spring-ten-off\" } }) { nodes { userId } } }", new { }, "audience.uplift.keep"),
        })
        {
            var refused = await platform.Http.PostAsync(admin, operation, variables);
            Assert.Equal(["INVALID_ARGUMENT"], refused.ErrorCodes);
            Assert.Equal((field, "not_applicable"), (refused.FirstError.GetProperty("extensions").GetProperty("field").GetString(), refused.FirstError.GetProperty("extensions").GetProperty("rule").GetString()));
        }

        // The persuadable 10% is picked by uplift, as scoreShoppers ranks it (not by the tied margins, which would pick by position).
        var persuadable = await platform.Http.FieldAsync(admin, "{ users(audience: { uplift: { keep: TOP_UPLIFT_PERCENT, percent: 10, campaignId: \"spring-ten-off\" } }, first: 500) { nodes { userId } } }", null, "users");
        var byUplift = await platform.Http.FieldAsync(admin, "{ scoreShoppers(campaignId: \"spring-ten-off\", audience: { all: true }, orderBy: UPLIFT_DESC, first: 150) { nodes { userId } } }", null, "scoreShoppers");
        var picked = persuadable.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("userId").GetString()).ToHashSet();
        Assert.Equal(150, picked.Count);
        Assert.True(byUplift.GetProperty("nodes").EnumerateArray().Count(n => picked.Contains(n.GetProperty("userId").GetString())) >= 140);
        Assert.Equal(("INCREMENTAL_CONVERSIONS", false), (recommended.GetProperty("objective").GetString(), recommended.GetProperty("fallback").GetBoolean()));

        // Told what a conversion is worth, the same file is imported in money: retrained, the model forecasts orders at that value.
        var valued = await ImportCalls.ImportAsync(platform.Http, admin, "EXPERIMENT", "spring.csv", SyntheticExperiment.Csv(1500), Options(conversionValue: 40m));
        Expect.Equal("SUCCEEDED", valued.GetProperty("status").GetString(), valued.ToString());
        var retrained = await WaitAsync(admin, (await TrainAsync(admin)).GetProperty("id").GetString()!);
        Expect.Equal("SUCCEEDED", retrained.GetProperty("status").GetString(), retrained.ToString());
        Assert.StartsWith("ACTIVE: it learned order values", retrained.GetProperty("version").GetProperty("promotion").GetString()); // whatever the Qini
        var inMoney = await Eventually.ReadUntilAsync(
            () => platform.Http.FieldAsync(admin, """
                query($d: CampaignDesignInput!) { forecast(design: $d, audience: { all: true }) {
                  modelVersionId warnings orders { value } gmv { value } discountCost { value } incrementalMargin { value } } }
                """, new { d = fiveOff }, "forecast"),
            f => f.GetProperty("modelVersionId").GetString() == retrained.GetProperty("version").GetProperty("id").GetString(), TimeSpan.FromSeconds(20)); // nodes swap within seconds
        var recommendedInMoney = await platform.Http.FieldAsync(admin, "query { recommendations(userId: \"u1\") { objective } }", null, "recommendations");

        Assert.DoesNotContain(inMoney.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("The experiments this model learned from recorded no revenue", StringComparison.Ordinal));
        var orderValue = inMoney.GetProperty("gmv").GetProperty("value").GetDouble() / inMoney.GetProperty("orders").GetProperty("value").GetDouble();
        Assert.InRange(orderValue, 30, 50);
        Assert.True(inMoney.GetProperty("discountCost").GetProperty("value").GetDouble() > 0, inMoney.ToString());
        Assert.Equal("INCREMENTAL_MARGIN", recommendedInMoney.GetProperty("objective").GetString());

        // A cost per contact (a mailer) is paid for every treated user whatever they do: margins, and so picks, are net of it.
        var positive = new Dictionary<decimal, long>();
        var forecasts = new Dictionary<decimal, JsonElement>();
        foreach (var cost in new[] { 0m, 2m })
        {
            var design = Campaigns.CampaignApiTests.Design(now.AddDays(1), now.AddDays(15), new { name = $"mailer {cost}", type = "AMOUNT_OFF", value = 5, attributionWindowDays = 14, costPerContact = cost });
            var draft = await platform.Http.FieldAsync(admin, "mutation($d: CampaignDesignInput!) { createCampaign(design: $d) { id costPerContact } }", new { d = design }, "createCampaign");
            Assert.Equal(cost, draft.GetProperty("costPerContact").GetDecimal());
            forecasts[cost] = await platform.Http.FieldAsync(admin, """
                query($id: ID!) { forecastCampaign(id: $id) { treatedUsers contactCost { value } incrementalMargin { value } roi { value } } }
                """, new { id = draft.GetProperty("id").GetString() }, "forecastCampaign");
            positive[cost] = (await platform.Http.FieldAsync(admin, "query($c: ID!) { audienceSummary(audience: { uplift: { keep: POSITIVE_MARGIN, campaignId: $c } }) { users } }",
                new { c = draft.GetProperty("id").GetString() }, "audienceSummary")).GetProperty("users").GetInt64();
        }

        var mailed = forecasts[2m];
        var contacts = 2 * mailed.GetProperty("treatedUsers").GetDouble();
        Assert.Equal(contacts, mailed.GetProperty("contactCost").GetProperty("value").GetDouble(), 6);
        Assert.Equal(forecasts[0m].GetProperty("incrementalMargin").GetProperty("value").GetDouble() - contacts, mailed.GetProperty("incrementalMargin").GetProperty("value").GetDouble(), 3);
        Assert.True(mailed.GetProperty("roi").GetProperty("value").GetDouble() < forecasts[0m].GetProperty("roi").GetProperty("value").GetDouble(), mailed.ToString());
        Assert.True(positive[2m] < positive[0m], $"picked with a contact cost of 2: {positive[2m]}, without: {positive[0m]}");

        // The optimizer prices each channel's contacts: a text here costs 1.5, an e-mail the design's 0.
        var search = await platform.Http.FieldAsync(admin, "mutation($i: OptimizeCampaignInput!) { optimizeCampaign(input: $i) { id } }",
            new { i = new { design = fiveOff, channels = new[] { "EMAIL", "SMS" }, contactCosts = new[] { new { channel = "SMS", costPerContact = 1.5 } } } }, "optimizeCampaign");
        var searched = await Eventually.ReadUntilAsync(
            () => platform.Http.FieldAsync(admin, "query($id: ID!) { campaignOptimization(id: $id) { status error candidates(first: 5) { channel costPerContact treatedUsers contactCost { value } } } }",
                new { id = search.GetProperty("id").GetString() }, "campaignOptimization"),
            o => o.GetProperty("status").GetString() is "SUCCEEDED" or "FAILED", TimeSpan.FromSeconds(60));
        var byChannel = searched.GetProperty("candidates").EnumerateArray().ToDictionary(c => c.GetProperty("channel").GetString()!);
        Assert.Equal((0m, 1.5m), (byChannel["EMAIL"].GetProperty("costPerContact").GetDecimal(), byChannel["SMS"].GetProperty("costPerContact").GetDecimal()));
        Assert.Equal(1.5 * byChannel["SMS"].GetProperty("treatedUsers").GetDouble(), byChannel["SMS"].GetProperty("contactCost").GetProperty("value").GetDouble(), 6);
        Assert.Equal(0, byChannel["EMAIL"].GetProperty("contactCost").GetProperty("value").GetDouble());
    }

    [SkippableFact]
    public async Task OnTheArteaCouponExperimentThePredictedLiftLiesInTheObservedIntervalAndNoRevenueGainIsPredicted()
    {
        var file = Path.Combine(RepositoryPaths.Root, "..", "shared", "data", "artea", "a_b-experiment.csv");
        Skip.IfNot(File.Exists(file), $"{file} is not here: the shared data folder sits beside the checkout in CI.");
        var (_, admin) = await platform.CreateTenantAsync("artea");
        var import = await ImportCalls.ImportAsync(platform.Http, admin, "EXPERIMENT", "a_b-experiment.csv", await File.ReadAllBytesAsync(file), Imports.ExperimentImportTests.ArteaOptions);
        Expect.Equal("SUCCEEDED", import.GetProperty("status").GetString(), import.ToString());

        var run = await WaitAsync(admin, (await TrainAsync(admin)).GetProperty("id").GetString()!);

        Expect.Equal("SUCCEEDED", run.GetProperty("status").GetString(), run.ToString());
        var response = await platform.Http.PostAsync(admin, """
            query($id: ID!) { modelVersion(id: $id) { uplift {
              model { qini } baseline { qini }
              campaigns { campaignId treated control observedLift observedStandardError predictedLift low95 high95 observedRevenueLift predictedRevenueLift revenueLow95 revenueHigh95 } } } }
            """, new { id = run.GetProperty("version").GetProperty("id").GetString() });
        var uplift = response.Data.GetProperty("modelVersion").GetProperty("uplift");
        var check = uplift.GetProperty("campaigns").EnumerateArray().Single();
        output.WriteLine($"artea, held-out users: Qini model {uplift.GetProperty("model").GetProperty("qini").GetDouble():F5}, baseline {uplift.GetProperty("baseline").GetProperty("qini").GetDouble():F5}; {check}"); // docs/models.md#quality
        var (observed, se, predicted) = (check.GetProperty("observedLift").GetDouble(), check.GetProperty("observedStandardError").GetDouble(), check.GetProperty("predictedLift").GetDouble());
        Assert.Equal("artea-coupon", check.GetProperty("campaignId").GetString());
        Assert.InRange(check.GetProperty("treated").GetInt32() + check.GetProperty("control").GetInt32(), 1_300, 1_700); // the 30% held out of 5,000
        Assert.InRange(predicted, observed - (1.96 * se), observed + (1.96 * se));
        Assert.InRange(observed, check.GetProperty("low95").GetDouble(), check.GetProperty("high95").GetDouble()); // the forecast's interval holds what happened
        Assert.True(check.GetProperty("revenueLow95").GetDouble() <= 0, $"the coupon's revenue effect is predicted positive for sure: {check}");
        Assert.InRange(check.GetProperty("observedRevenueLift").GetDouble(), check.GetProperty("revenueLow95").GetDouble(), check.GetProperty("revenueHigh95").GetDouble());

        // The same through the forecast a merchant asks for: the coupon (with its own campaign level) over the held-out users,
        // its incremental conversions and GMV per treated user against what the experiment observed on them.
        var versionId = run.GetProperty("version").GetProperty("id").GetString()!;
        var split = new Platform.Domain.Modeling.DataSplit((await VersionAsync(admin, versionId, "training { seed }")).GetProperty("training").GetProperty("seed").GetInt32());
        var heldOut = File.ReadLines(file).Skip(1).Select(line => line[..line.IndexOf(',')]).Where(id => split.Of(id) == Platform.Domain.Modeling.SplitPart.Test).ToList();
        var forecast = await platform.Http.FieldAsync(admin, """
            query($a: AudienceInput) { forecastCampaign(id: "artea-coupon", audience: $a) {
              modelVersionId audienceUsers treatedUsers incrementalConversions { value low95 high95 } incrementalGmv { value low95 high95 } } }
            """, new { a = new { userIds = heldOut } }, "forecastCampaign");
        var treatedUsers = forecast.GetProperty("treatedUsers").GetDouble();
        (double Value, double Low, double High) PerTreatedUser(string figure)
        {
            var f = forecast.GetProperty(figure);
            return (f.GetProperty("value").GetDouble() / treatedUsers, f.GetProperty("low95").GetDouble() / treatedUsers, f.GetProperty("high95").GetDouble() / treatedUsers);
        }

        var (liftForecast, revenueForecast) = (PerTreatedUser("incrementalConversions"), PerTreatedUser("incrementalGmv"));
        output.WriteLine($"artea, forecastCampaign over the {heldOut.Count} held-out users: conversion lift {liftForecast}, revenue per user {revenueForecast}");
        Assert.Equal((versionId, (long)heldOut.Count), (forecast.GetProperty("modelVersionId").GetString(), forecast.GetProperty("audienceUsers").GetInt64()));
        Assert.InRange(observed, liftForecast.Low, liftForecast.High);
        Assert.InRange(check.GetProperty("observedRevenueLift").GetDouble(), revenueForecast.Low, revenueForecast.High);
    }

    [Fact]
    public async Task ADriftCheckComparesActiveUsersWithTheTrainingRowsAndFindsAShiftedInput()
    {
        var (tenantId, admin) = await platform.CreateTenantAsync("drift");
        await ImportAsync(admin, 3000);
        Expect.Equal("SUCCEEDED", (await WaitAsync(admin, (await TrainAsync(admin)).GetProperty("id").GetString()!)).GetProperty("status").GetString(), "training");
        const string Check = "mutation { checkModelDrift(task: UPLIFT) { id drift { users maxPsi note windowDays features { name psi } } } }";

        var idle = (await platform.Http.PostAsync(admin, Check)).Data.GetProperty("checkModelDrift").GetProperty("drift");
        Assert.Equal((0, JsonValueKind.Null), (idle.GetProperty("users").GetInt32(), idle.GetProperty("maxPsi").ValueKind));
        Assert.StartsWith("No user was active in the last 7 days", idle.GetProperty("note").GetString());

        var active = Enumerable.Range(0, 300).Select(i => $"u{i}").ToList();
        var events = active.Select(u => Events.Purchase($"drift-{u}", u, 20m, DateTimeOffset.UtcNow.AddMinutes(-5))).ToArray();
        (await platform.Http.PostAsync(admin, Events.Ingest, new { events })).AssertSuccess();
        var same = await Eventually.ReadUntilAsync(
            async () => (await platform.Http.PostAsync(admin, Check)).Data.GetProperty("checkModelDrift").GetProperty("drift"),
            drift => drift.GetProperty("users").GetInt32() == active.Count,
            TimeSpan.FromSeconds(30));
        Assert.True(same.GetProperty("maxPsi").GetDouble() < 0.25, same.ToString()); // a sample of the same population

        var upsert = await platform.Http.PostAsync(admin, "mutation($users: [UserInput!]!) { upsertUsers(users: $users) { accepted } }",
            new { users = active.Select(id => new { id, attributes = new[] { new { name = "visits", number = 50.0 } } }) });
        upsert.AssertSuccess();
        var shifted = (await platform.Http.PostAsync(admin, Check)).Data.GetProperty("checkModelDrift").GetProperty("drift");

        var first = shifted.GetProperty("features")[0];
        Assert.Equal("visits", first.GetProperty("name").GetString());
        Assert.True(first.GetProperty("psi").GetDouble() > 1, shifted.ToString());
        var metrics = await Eventually.ReadUntilAsync(
            () => new HttpClient { BaseAddress = platform.Node.BaseUri }.GetStringAsync("/metrics"),
            text => text.Contains($"platform_model_input_drift_max_psi{{tenant=\"{tenantId}\",task=\"UPLIFT\"}}", StringComparison.Ordinal),
            TimeSpan.FromSeconds(45));
        Assert.Contains("# TYPE platform_model_input_drift_max_psi gauge", metrics);

        (await platform.Http.PostAsync(admin, "mutation { setRetrainingSchedule(task: UPLIFT, cron: \"0 3 1 1 *\", retrainWhenDriftAbove: 1) { task } }")).AssertSuccess();
        platform.Node.Services.GetRequiredService<IRecurringJobManager>().Trigger("drift-check"); // DriftJob.RecurringId, in the worker process
        var runs = await Eventually.ReadUntilAsync(
            async () => (await platform.Http.PostAsync(admin, "{ trainingRuns(task: UPLIFT) { nodes { trigger } } }")).Data.GetProperty("trainingRuns").GetProperty("nodes"),
            nodes => nodes.GetArrayLength() == 2,
            TimeSpan.FromSeconds(90));
        Assert.Equal("SCHEDULE", runs[0].GetProperty("trigger").GetString()); // the daily check found visits above 1 and retrained
    }

    [Fact]
    public async Task AnActiveVersionTheNodeCannotReadIsServedByTheRuleAndSaysSo()
    {
        var (tenantId, admin, run) = await TrainedTenantAsync("unreadable");
        await CorruptAsync(tenantId, Guid.Parse(run.GetProperty("version").GetProperty("id").GetString()!), "ACTIVE"); // before any request of this tenant loads it

        await Recommendations.RecommendationTests.LaunchAsync(platform.Http, admin, "Unreadable", new { holdoutShare = 0.0 });
        var answer = await platform.Http.FieldAsync(admin, Recommendations.RecommendationTests.Query, new { u = "someone", first = 3 }, "recommendations");

        Assert.Equal((true, JsonValueKind.Null), (answer.GetProperty("fallback").GetBoolean(), answer.GetProperty("modelVersionId").ValueKind));
        Assert.Single(answer.GetProperty("items").EnumerateArray());
        Assert.Equal("ACTIVE", (await VersionAsync(admin, run.GetProperty("version").GetProperty("id").GetString()!, "status")).GetProperty("status").GetString()); // not for want of one
    }

    [Fact]
    public async Task CorruptWeightsAreRefusedAtPromotion()
    {
        var (tenantId, admin, run) = await TrainedTenantAsync("corrupt");
        var versionId = Guid.Parse(run.GetProperty("version").GetProperty("id").GetString()!);
        await CorruptAsync(tenantId, versionId, "RETIRED");

        var refused = await platform.Http.PostAsync(admin, "mutation($id: ID!) { promoteModel(versionId: $id) { id } }", new { id = versionId });

        Assert.Equal(["CORRUPT_MODEL"], refused.ErrorCodes);
        Assert.Contains("checksum", refused.FirstError.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ATenantWithoutEnoughDataFailsWithTheReasonAndGetsNoVersion()
    {
        var (_, empty) = await platform.CreateTenantAsync("empty");
        var (_, small) = await platform.CreateTenantAsync("small");
        await ImportAsync(small, 60);

        var none = await WaitAsync(empty, (await TrainAsync(empty)).GetProperty("id").GetString()!);
        var few = await WaitAsync(small, (await TrainAsync(small)).GetProperty("id").GetString()!);

        Assert.Equal(("FAILED", 1), (none.GetProperty("status").GetString(), none.GetProperty("attempts").GetInt32()));
        Assert.Contains("no campaign with outcome rows", none.GetProperty("error").GetString());
        Assert.Equal("FAILED", few.GetProperty("status").GetString());
        Assert.StartsWith("Too little data to learn from", few.GetProperty("error").GetString());
        Assert.Empty(await VersionsAsync(empty));
        Assert.Empty(await VersionsAsync(small));
    }

    [Fact]
    public async Task ACancelledRunStaysCancelledAndMakesNoVersion()
    {
        var (_, admin) = await platform.CreateTenantAsync("cancel");
        await ImportAsync(admin, 3000);
        var id = (await TrainAsync(admin)).GetProperty("id").GetString()!;

        var cancelled = await platform.Http.PostAsync(admin, "mutation($id: ID!) { cancelTrainingRun(id: $id) { status } }", new { id });
        cancelled.AssertSuccess();

        Assert.Equal("CANCELLED", cancelled.Data.GetProperty("cancelTrainingRun").GetProperty("status").GetString());
        await Task.Delay(TimeSpan.FromSeconds(5)); // a worker that had started notices at its next heartbeat
        var run = await RunAsync(admin, id);
        Assert.Equal("CANCELLED", run.GetProperty("status").GetString());
        Assert.Empty(await VersionsAsync(admin));
        var again = await TrainAsync(admin); // the cancelled run no longer blocks the task
        (await platform.Http.PostAsync(admin, "mutation($id: ID!) { cancelTrainingRun(id: $id) { status } }", new { id = again.GetProperty("id").GetString() })).AssertSuccess();
    }

    [Fact]
    public async Task MerchantAndPartnerKeysCannotTrainCancelPromoteOrSchedule()
    {
        var (_, admin) = await platform.CreateTenantAsync("roles");
        var merchant = await platform.CreateKeyAsync(admin, "MERCHANT");
        var partner = await platform.CreateKeyAsync(admin, "PARTNER");
        string[] writes =
        [
            "mutation { trainModels(task: UPLIFT) { id } }",
            $"mutation {{ cancelTrainingRun(id: \"{Guid.NewGuid()}\") {{ id }} }}",
            $"mutation {{ promoteModel(versionId: \"{Guid.NewGuid()}\") {{ id }} }}",
            "mutation { setRetrainingSchedule(task: UPLIFT, cron: \"0 3 * * *\") { cron } }",
            "mutation { deleteRetrainingSchedule(task: UPLIFT) }",
        ];

        foreach (var key in new[] { merchant, partner })
        {
            foreach (var write in writes)
            {
                Assert.Equal(["FORBIDDEN"], (await platform.Http.PostAsync(key, write)).ErrorCodes);
            }
        }

        (await platform.Http.PostAsync(merchant, "{ trainingRuns { nodes { id } } models(task: UPLIFT) { nodes { id } } }")).AssertSuccess();
        Assert.Equal(["FORBIDDEN"], (await platform.Http.PostAsync(partner, "{ trainingRuns { nodes { id } } }")).ErrorCodes);
    }

    [Fact]
    public async Task AnotherTenantsRunsAndVersionsAreNotFound()
    {
        var (_, owner) = await platform.CreateTenantAsync("owner");
        var (_, other) = await platform.CreateTenantAsync("other");
        var runId = (await TrainAsync(owner)).GetProperty("id").GetString()!;
        await WaitAsync(owner, runId);

        Assert.Equal(JsonValueKind.Null, (await platform.Http.PostAsync(other, "query($id: ID!) { trainingRun(id: $id) { id } }", new { id = runId })).Data.GetProperty("trainingRun").ValueKind);
        Assert.Empty((await platform.Http.PostAsync(other, "{ trainingRuns { nodes { id } } }")).Data.GetProperty("trainingRuns").GetProperty("nodes").EnumerateArray());
        Assert.Equal(["NOT_FOUND"], (await platform.Http.PostAsync(other, "mutation($id: ID!) { cancelTrainingRun(id: $id) { id } }", new { id = runId })).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await platform.Http.PostAsync(other, "mutation($id: ID!) { promoteModel(versionId: $id) { id } }", new { id = runId })).ErrorCodes);
        Assert.Equal(["INVALID_ARGUMENT"], (await platform.Http.PostAsync(other, "{ trainingRun(id: \"run-1\") { id } }")).ErrorCodes);
    }

    // The optimizer on the 120 shoppers above: three depths × three targetings, followed over the WebSocket until it finishes.
    private async Task OptimizerSearchesFollowsAndRefusesAsync(string admin, string versionId)
    {
        var now = DateTimeOffset.UtcNow;
        var input = new
        {
            design = Campaigns.CampaignApiTests.Design(now.AddDays(1), now.AddDays(15), new { value = 10 }),
            audience = new { tags = new[] { "young", "older" } },
            values = new[] { 5, 10, 20 },
            targetings = new object[] { new { kind = "ALL" }, new { kind = "TOP_PERCENT", percent = 50 }, new { kind = "TOP_UPLIFT_PERCENT", percent = 50 } },
            constraints = new { minReach = 20 },
        };
        var started = await platform.Http.FieldAsync(admin, "mutation($i: OptimizeCampaignInput!) { optimizeCampaign(input: $i) { id status candidateCount } }", new { i = input }, "optimizeCampaign");
        var id = started.GetProperty("id").GetString()!;
        Assert.Equal(9, started.GetProperty("candidateCount").GetInt32());

        await using (var socket = await WebSocketClient.ConnectAsync(platform.Node.GraphQLUri))
        {
            await socket.InitialiseAsync(admin);
            await socket.SubscribeAsync("search", "subscription($id: ID!) { optimizationProgress(id: $id) { status phase progress } }", new { id });
            var updates = new List<JsonElement>();
            for (var message = await socket.ReceiveAsync(TimeSpan.FromSeconds(60)); message.GetProperty("type").GetString() == "next"; message = await socket.ReceiveAsync(TimeSpan.FromSeconds(60)))
            {
                updates.Add(message.GetProperty("payload").GetProperty("data").GetProperty("optimizationProgress"));
            }

            Assert.Equal(("SUCCEEDED", "done", 1.0), (updates[^1].GetProperty("status").GetString(), updates[^1].GetProperty("phase").GetString(), updates[^1].GetProperty("progress").GetDouble()));
            var progress = updates.Select(u => u.GetProperty("progress").GetDouble()).ToList();
            Assert.Equal(progress.Order(), progress);
        }

        var search = await platform.Http.FieldAsync(admin, """
            query($id: ID!) { campaignOptimization(id: $id) {
              status modelVersionId audienceUsers why
              candidates(first: 10) { description value targeting { kind percent } users treatedUsers meetsConstraints brokenConstraints onFrontier
                                      conversions { value } orders { value } incrementalConversions { value } incrementalMargin { value low95 high95 } discountCost { value } }
              frontier { description discountCost { value } incrementalMargin { value } }
              recommended { description incrementalMargin { value } }
              recommendedForecast { modelVersionId drivers incrementalMargin { value } segments { name } }
            } }
            """, new { id }, "campaignOptimization");
        Assert.Equal((versionId, 120L), (search.GetProperty("modelVersionId").GetString(), search.GetProperty("audienceUsers").GetInt64()));
        var candidates = search.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(9, candidates.Count);
        var margins = candidates.Select(c => c.GetProperty("incrementalMargin").GetProperty("value").GetDouble()).ToList();
        Assert.Equal(margins.OrderDescending(), margins);
        Assert.All(candidates, c => Assert.Equal(c.GetProperty("targeting").GetProperty("kind").GetString() == "ALL" ? 120 : 60, c.GetProperty("users").GetInt64()));
        Assert.All(candidates, c => Assert.True(c.GetProperty("meetsConstraints").GetBoolean(), c.ToString())); // 54 and 108 treated users ≥ 20
        Assert.All(candidates, c => Assert.Equal(c.GetProperty("conversions").GetProperty("value").GetDouble(), c.GetProperty("orders").GetProperty("value").GetDouble(), 6)); // one order a converter, as above

        // Picking the half with the most expected margin picks the shoppers the offer works on: more conversions added per user;
        // the half with the most conversion uplift adds the most of all halves.
        double PerUser(JsonElement c) => c.GetProperty("incrementalConversions").GetProperty("value").GetDouble() / c.GetProperty("users").GetInt64();
        foreach (var value in new[] { 5, 10, 20 })
        {
            var pair = candidates.Where(c => c.GetProperty("value").GetDouble() == value).ToDictionary(c => c.GetProperty("targeting").GetProperty("kind").GetString()!);
            Assert.True(PerUser(pair["TOP_PERCENT"]) > PerUser(pair["ALL"]), $"{pair["TOP_PERCENT"]}\n{pair["ALL"]}");
            Assert.True(PerUser(pair["TOP_UPLIFT_PERCENT"]) >= PerUser(pair["TOP_PERCENT"]) - 1e-9, $"{pair["TOP_UPLIFT_PERCENT"]}\n{pair["TOP_PERCENT"]}");
        }

        var recommended = search.GetProperty("recommended");
        Assert.Equal(candidates[0].GetProperty("description").GetString(), recommended.GetProperty("description").GetString());
        Assert.StartsWith(recommended.GetProperty("description").GetString()![..10], search.GetProperty("why")[0].GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(recommended.GetProperty("incrementalMargin").GetProperty("value").GetDouble(), search.GetProperty("recommendedForecast").GetProperty("incrementalMargin").GetProperty("value").GetDouble(), 6);
        Assert.NotEmpty(search.GetProperty("recommendedForecast").GetProperty("drivers").EnumerateArray());
        var frontier = search.GetProperty("frontier").EnumerateArray().Select(f => f.GetProperty("discountCost").GetProperty("value").GetDouble()).ToList();
        Assert.Equal(frontier.Order(), frontier);
        Assert.Contains(search.GetProperty("frontier").EnumerateArray(), f => f.GetProperty("description").GetString() == recommended.GetProperty("description").GetString());

        // Bad input is refused whole, before anything runs; another tenant sees no search.
        var broken = await platform.Http.PostAsync(admin, "mutation($i: OptimizeCampaignInput!) { optimizeCampaign(input: $i) { id } }", new
        {
            i = new { input.design, values = new[] { -1 }, targetings = new object[] { new { kind = "TOP_PERCENT" } }, constraints = new { maxCost = 0 } },
        });
        Assert.Equal(["INVALID_ARGUMENT"], broken.ErrorCodes);
        var fields = broken.FirstError.GetProperty("extensions").GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("field").GetString()).ToList();
        Assert.Equal(["values", "targetings.0.percent", "constraints.maxCost"], fields);
        var (_, other) = await platform.CreateTenantAsync("other-optimizer");
        Assert.Equal(JsonValueKind.Null, (await platform.Http.PostAsync(other, "query($id: ID!) { campaignOptimization(id: $id) { id } }", new { id })).Data.GetProperty("campaignOptimization").ValueKind);
    }

    // Starting tomorrow for 14 days, its window 14 days.
    private static object ForecastDesign(int value)
    {
        var now = DateTimeOffset.UtcNow;
        return Campaigns.CampaignApiTests.Design(now.AddDays(1), now.AddDays(15), new { value, attributionWindowDays = 14 });
    }

    private async Task<JsonElement> ForecastAsync(string key, object audience, int value, double? budget)
    {
        var design = ForecastDesign(value);
        return await platform.Http.FieldAsync(key, """
            query($d: CampaignDesignInput!, $a: AudienceInput, $b: Decimal) { forecast(design: $d, audience: $a, budget: $b) {
              modelVersionId audienceUsers treatedUsers budgetShare budgetRunsOutAt warnings drivers
              conversions { value low95 high95 } orders { value low95 high95 }
              incrementalConversions { value low80 high80 low95 high95 } discountCost { value } roi { value }
              segments { name users incrementalConversions { value } } holdoutPlans { holdoutShare usersNeeded days feasible }
            } }
            """, new { d = design, a = audience, b = budget }, "forecast");
    }

    private async Task<JsonElement> ScoreAsync(string key, object audience, string order, string? after, int first = 50)
    {
        var now = DateTimeOffset.UtcNow;
        var design = Campaigns.CampaignApiTests.Design(now.AddDays(1), now.AddDays(15), new { value = 10 });
        return await platform.Http.FieldAsync(key, """
            query($d: CampaignDesignInput!, $a: AudienceInput, $o: ShopperScoreOrder, $first: Int, $after: String) {
              scoreShoppers(design: $d, audience: $a, orderBy: $o, first: $first, after: $after) {
                nodes { userId conversionWithout conversionWith uplift { value low high } incrementalMargin { value } participation }
                hasNextPage endCursor
              }
            }
            """, new { d = design, a = audience, o = order, first, after }, "scoreShoppers");
    }

    private async Task ImportAsync(string admin, int users)
    {
        var job = await ImportCalls.ImportAsync(platform.Http, admin, "EXPERIMENT", "spring.csv", SyntheticExperiment.Csv(users), SyntheticExperiment.Options);
        Expect.Equal("SUCCEEDED", job.GetProperty("status").GetString(), job.ToString());
    }

    private async Task<JsonElement> TrainAsync(string admin)
    {
        var queued = await platform.Http.PostAsync(admin, $"mutation {{ trainModels(task: UPLIFT) {{ {RunFields} }} }}");
        queued.AssertSuccess();
        var run = queued.Data.GetProperty("trainModels");
        Assert.Equal(("QUEUED", "UPLIFT"), (run.GetProperty("status").GetString(), run.GetProperty("task").GetString()));
        return run;
    }

    private async Task<JsonElement> RunAsync(string key, string id) =>
        (await platform.Http.PostAsync(key, $"query($id: ID!) {{ trainingRun(id: $id) {{ {RunFields} }} }}", new { id })).Data.GetProperty("trainingRun");

    private Task<JsonElement> WaitAsync(string key, string id) =>
        Eventually.ReadUntilAsync(() => RunAsync(key, id), run => run.GetProperty("status").GetString() is not ("QUEUED" or "RUNNING"), TimeSpan.FromSeconds(180));

    private async Task<JsonElement> VersionAsync(string key, string id, string fields = VersionFields)
    {
        var response = await platform.Http.PostAsync(key, $"query($id: ID!) {{ modelVersion(id: $id) {{ {fields} }} }}", new { id });
        response.AssertSuccess();
        return response.Data.GetProperty("modelVersion");
    }

    private async Task<IReadOnlyList<JsonElement>> VersionsAsync(string key)
    {
        var response = await platform.Http.PostAsync(key, "{ models(task: UPLIFT) { nodes { id status } } }");
        response.AssertSuccess();
        return response.Data.GetProperty("models").GetProperty("nodes").EnumerateArray().ToList();
    }
}
