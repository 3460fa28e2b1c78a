using System.Text.Json;
using Platform.IntegrationTests.Campaigns;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Recommendations;

/// <summary>
/// recommendations without a model: the rule-based fallback from the live profile, targeting and the holdout applied,
/// exposures recorded through the ingest path, and bad input refused.
/// </summary>
public sealed class RecommendationTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    public const string Query = """
        query($u: ID!, $first: Int, $record: Boolean) {
          recommendations(userId: $u, first: $first, recordExposure: $record) {
            userId objective modelVersionId fallback withheld exposuresRecorded
            items { rank score reasons interval { value low high } breakdown { incrementalMargin } campaign { id name } }
          }
        }
        """;

    [Fact]
    public async Task WithoutAModelCampaignsFollowTheLiveProfileAndTheHoldoutIsWithheldAndRecorded()
    {
        var (_, merchant) = await platform.CreateTenantAsync("rec");
        var shoes = await LaunchAsync(merchant, "Shoes week", new { categoryIds = new[] { "shoes" }, holdoutShare = 0.0 });
        var shirts = await LaunchAsync(merchant, "Shirts week", new { categoryIds = new[] { "shirts" }, holdoutShare = 0.0 });
        var vipOnly = await LaunchAsync(merchant, "VIP night", new { holdoutShare = 0.0, audience = new { tags = new[] { "vip" } } });
        var halfHeldOut = await LaunchAsync(merchant, "Everything sale", new { holdoutShare = 0.5 });
        var user = await UserOnSideAsync(merchant, halfHeldOut, "CONTROL");

        await ViewAsync(merchant, user, "shoes", 3);
        var first = await RecommendAsync(merchant, user, 3);
        Assert.Equal((true, JsonValueKind.Null, "INCREMENTAL_MARGIN"), (first.GetProperty("fallback").GetBoolean(), first.GetProperty("modelVersionId").ValueKind, first.GetProperty("objective").GetString()));
        var items = first.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([shoes, shirts], items.Select(i => i.GetProperty("campaign").GetProperty("id").GetString()));
        Assert.Equal("Its categories hold 100% of this shopper's category interest.", items[0].GetProperty("reasons")[0].GetString());
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (items[0].GetProperty("interval").ValueKind, items[0].GetProperty("breakdown").ValueKind));
        Assert.Equal([halfHeldOut], first.GetProperty("withheld").EnumerateArray().Select(w => w.GetString())); // unscoped, ranked above nothing shown: withheld, not a VIP campaign
        Assert.DoesNotContain(vipOnly, items.Select(i => i.GetProperty("campaign").GetProperty("id").GetString()));

        // An event ingested a moment ago changes the next answer.
        await ViewAsync(merchant, user, "shirts", 12);
        var second = await RecommendAsync(merchant, user, 3);
        Assert.Equal(shirts, second.GetProperty("items")[0].GetProperty("campaign").GetProperty("id").GetString());

        var recorded = await RecommendAsync(merchant, user, 3, record: true);
        Assert.Equal(3, recorded.GetProperty("exposuresRecorded").GetInt32()); // two shown, one withheld
        var kpis = await Eventually.ReadUntilAsync(
            async () => (await platform.Http.FieldAsync(merchant, "query($id: ID!) { campaign(id: $id) { kpis { reach control { users } } } }", new { id = halfHeldOut }, "campaign")).GetProperty("kpis"),
            k => k.GetProperty("control").GetProperty("users").GetInt64() == 1);
        Assert.Equal(0, kpis.GetProperty("reach").GetInt64()); // the holdout was recorded, never shown
        var touched = await platform.Http.FieldAsync(merchant, "query($u: ID!) { user(id: $u) { campaigns { campaignId exposures } } }", new { u = user }, "user");
        Assert.Equal(3, touched.GetProperty("campaigns").GetArrayLength());
    }

    [Fact]
    public async Task AShopperNeverSeenGetsAnAnswerAndBadInputIsRefused()
    {
        var (_, merchant) = await platform.CreateTenantAsync("recbad");
        var campaign = await LaunchAsync(merchant, "Welcome", new { holdoutShare = 0.0 });

        var untracked = await platform.Http.FieldAsync(merchant, "query($id: ID!) { campaign(id: $id) { launchForecast { modelVersionId } tracking { alert } } }", new { id = campaign }, "campaign");
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (untracked.GetProperty("launchForecast").ValueKind, untracked.GetProperty("tracking").ValueKind)); // no model at launch

        var cold = await RecommendAsync(merchant, "never-seen", 5);
        Assert.Equal(campaign, cold.GetProperty("items")[0].GetProperty("campaign").GetProperty("id").GetString());

        // A daily cap of one: the exposure this answer records uses it up, so the next answer leaves the campaign out.
        var capped = await LaunchAsync(merchant, "Once a day", new { holdoutShare = 0.0, frequencyCapPerDay = 1 });
        var shown = await RecommendAsync(merchant, "capped-shopper", 5, record: true);
        Assert.Contains(capped, shown.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("campaign").GetProperty("id").GetString()));
        var later = await RecommendAsync(merchant, "capped-shopper", 5);
        Assert.Equal([campaign], later.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("campaign").GetProperty("id").GetString()));

        var (_, otherMerchant) = await platform.CreateTenantAsync("recother");
        Assert.Empty((await RecommendAsync(otherMerchant, "never-seen", 5)).GetProperty("items").EnumerateArray()); // another tenant's campaigns are never offered

        var tooMany = await platform.Http.PostAsync(merchant, Query, new { u = "x", first = 21 });
        Assert.Equal(["INVALID_ARGUMENT"], tooMany.ErrorCodes);
        Assert.Equal("first", tooMany.FirstError.GetProperty("extensions").GetProperty("field").GetString());
        var overGet = await platform.Http.GetAsync(merchant, "{ recommendations(userId: \"x\", recordExposure: true) { exposuresRecorded } }");
        Assert.Equal(["INVALID_ARGUMENT"], overGet.ErrorCodes);
        Assert.Equal("post_only", overGet.FirstError.GetProperty("extensions").GetProperty("rule").GetString());
        var noModel = await platform.Http.PostAsync(merchant, "query($id: ID!) { forecastCampaign(id: $id) { modelVersionId } }", new { id = campaign });
        Assert.Equal(["NOT_FOUND"], noModel.ErrorCodes);
        Assert.Contains("no ACTIVE UPLIFT model", noModel.FirstError.GetProperty("message").GetString());
        var now = DateTimeOffset.UtcNow;
        var broken = await platform.Http.PostAsync(merchant, "query($d: CampaignDesignInput!, $a: AudienceInput) { forecast(design: $d, audience: $a, budget: 0) { audienceUsers } }",
            new { d = CampaignApiTests.Design(now, now.AddDays(3), new { value = 95 }), a = new { rule = new { field = "nope", op = "EQ", value = "x" } } });
        Assert.Equal(["INVALID_ARGUMENT"], broken.ErrorCodes);
        var fields = broken.FirstError.GetProperty("extensions").GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("field").GetString()).ToList();
        Assert.Contains("design.value", fields);
        Assert.Contains("budget", fields);
        Assert.Contains(fields, f => f!.StartsWith("audience.", StringComparison.Ordinal));
        var margin = await platform.Http.FieldAsync(merchant, "mutation { updateTenantSettings(input: {marginRate: 0.45}) { settings { marginRate } } }", null, "updateTenantSettings");
        Assert.Equal(0.45, margin.GetProperty("settings").GetProperty("marginRate").GetDouble());
        var prePeriod = await platform.Http.FieldAsync(merchant, "mutation { updateTenantSettings(input: {prePeriodDays: 60}) { settings { prePeriodDays marginRate } } }", null, "updateTenantSettings");
        Assert.Equal((60, 0.45), (prePeriod.GetProperty("settings").GetProperty("prePeriodDays").GetInt32(), prePeriod.GetProperty("settings").GetProperty("marginRate").GetDouble()));
        var badPrePeriod = await platform.Http.PostAsync(merchant, "mutation { updateTenantSettings(input: {prePeriodDays: 91}) { id } }");
        Assert.Equal(("input.prePeriodDays", "out_of_range"), (badPrePeriod.FirstError.GetProperty("extensions").GetProperty("field").GetString(), badPrePeriod.FirstError.GetProperty("extensions").GetProperty("rule").GetString()));
        var badMargin = await platform.Http.PostAsync(merchant, "mutation { updateTenantSettings(input: {marginRate: 1.5}) { id } }");
        Assert.Equal(("input.marginRate", "out_of_range"), (badMargin.FirstError.GetProperty("extensions").GetProperty("field").GetString(), badMargin.FirstError.GetProperty("extensions").GetProperty("rule").GetString()));
        var partner = await platform.CreateKeyAsync(merchant, "PARTNER");
        Assert.Equal(["FORBIDDEN"], (await platform.Http.PostAsync(partner, Query, new { u = "x" })).ErrorCodes);
    }

    public static async Task<string> LaunchAsync(GraphQLHttp http, string key, string name, object extra)
    {
        var now = DateTimeOffset.UtcNow;
        var design = CampaignApiTests.Design(now.AddHours(-1), now.AddDays(7 + name.Length), extra);
        ((Dictionary<string, object?>)design)["name"] = name;
        var id = (await http.FieldAsync(key, CampaignApiTests.Create, new { d = design }, "createCampaign")).GetProperty("id").GetString()!;
        await http.FieldAsync(key, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id }, "launchCampaign");
        return id;
    }

    private Task<string> LaunchAsync(string key, string name, object extra) => LaunchAsync(platform.Http, key, name, extra);

    private async Task<JsonElement> RecommendAsync(string key, string user, int first, bool record = false) =>
        await platform.Http.FieldAsync(key, Query, new { u = user, first, record }, "recommendations");

    private async Task<string> UserOnSideAsync(string key, string campaignId, string arm)
    {
        var users = Enumerable.Range(0, 40).Select(i => $"shopper-{i}").ToList();
        var sides = await platform.Http.FieldAsync(key, "query($c: ID!, $u: [ID!]!) { campaignAssignments(campaignId: $c, userIds: $u) { userId arm } }", new { c = campaignId, u = users }, "campaignAssignments");
        return sides.EnumerateArray().First(a => a.GetProperty("arm").GetString() == arm).GetProperty("userId").GetString()!;
    }

    private async Task ViewAsync(string key, string user, string category, int views)
    {
        var at = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, views).Select(i => new { eventId = $"{user}-{category}-{i}", userId = user, type = "VIEW", occurredAt = at.AddMilliseconds(i).ToString("O"), itemId = $"{category}-{i}", categoryId = category });
        (await platform.Http.PostAsync(key, "mutation($e: [EventInput!]!) { ingestEvents(events: $e) { accepted } }", new { e = events })).AssertSuccess();
    }
}
