using System.Net;
using System.Text;
using System.Text.Json;
using Platform.IntegrationTests.Campaigns;
using Platform.IntegrationTests.Support;
using Platform.Testing;

namespace Platform.IntegrationTests.Trackers;

/// <summary>
/// The tracker source end to end: the Segment and RudderStack Node libraries send a shopping session to a real gateway,
/// and the shopper's live profile, a campaign's KPIs and the source debugger are read back through GraphQL.
/// </summary>
public sealed class TrackerSourceTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string Profile = """
        query($id: ID!) { user(id: $id) { purchases revenue trajectory { type itemId amount }
          attributes { age gender tags custom { name text } } } }
        """;

    private const string Debugger = "query($s: TrackerMessageStatus) { trackerMessages(status: $s, first: 100) { call eventName userId problems { field rule } } }";

    [Fact]
    public async Task SegmentAndRudderStackClientsDeliverEveryEventOfASessionOnce()
    {
        var (_, admin) = await platform.CreateTenantAsync("trk");
        (await platform.Http.PostAsync(admin, """mutation { setAttributeSchema(attributes: [{ name: "plan", kind: CATEGORICAL }]) { id } }""")).AssertSuccess();
        var writeKey = await platform.CreateKeyAsync(admin, "TRACKER");
        var now = DateTimeOffset.UtcNow;
        var campaign = (await platform.Http.FieldAsync(admin, CampaignApiTests.Create,
            new { d = CampaignApiTests.Design(now.AddHours(-1), now.AddDays(7), new { holdoutShare = 0 }) }, "createCampaign")).GetProperty("id").GetString()!;
        await platform.Http.FieldAsync(admin, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id = campaign }, "launchCampaign");
        using var trackers = new TrackerClients(platform.Node.BaseUri);
        var report = Path.GetTempFileName();

        var (exitCode, output) = await NodeScripts.RunAsync("trackers.mjs", new Dictionary<string, string?>
        {
            ["TRACKER_URL"] = trackers.SourceUri.ToString(),
            ["WRITE_KEY"] = writeKey,
            ["CAMPAIGN_ID"] = campaign,
            ["RUN"] = "run1",
            ["REPORT_PATH"] = report,
        });

        Expect.Equal(0, exitCode, output);
        string[] session = ["SEARCH", "CAMPAIGN_EXPOSURE", "VIEW", "VIEW", "ADD_TO_CART", "COUPON_REDEEM", "PURCHASE", "PURCHASE", "REVIEW"];
        foreach (var (user, extra) in new[] { ("run1-segment", new[] { "VIEW" }), ("run1-rudder", Array.Empty<string>()) })
        {
            List<string?> expected = [.. session.Concat(extra).Order()];
            var profile = await Eventually.ReadUntilAsync(
                () => platform.Http.FieldAsync(admin, Profile, new { id = user }, "user"),
                p => p.ValueKind == JsonValueKind.Object && p.GetProperty("trajectory").GetArrayLength() >= expected.Count,
                because: $"{user}'s session in the profile");
            Assert.Equal(expected, profile.GetProperty("trajectory").EnumerateArray().Select(s => s.GetProperty("type").GetString()).Order().ToList());
            Assert.Equal((2, 25m), (profile.GetProperty("purchases").GetInt32(), profile.GetProperty("revenue").GetDecimal()));
            var purchases = profile.GetProperty("trajectory").EnumerateArray().Where(s => s.GetProperty("type").GetString() == "PURCHASE")
                .Select(s => (s.GetProperty("itemId").GetString(), s.GetProperty("amount").GetDecimal())).Order().ToList();
            Assert.Equal([("monopoly-3", 19m), ("uno", 6m)], purchases);
            var attributes = profile.GetProperty("attributes");
            Assert.Equal((34, "female"), (attributes.GetProperty("age").GetInt32(), attributes.GetProperty("gender").GetString()));
            Assert.Equal(["newsletter"], attributes.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal("gold", attributes.GetProperty("custom")[0].GetProperty("text").GetString());
        }

        // The anonymous visit was merged into the known user by the alias, and the anonymous user is gone.
        Assert.Equal(JsonValueKind.Null, (await platform.Http.FieldAsync(admin, Profile, new { id = "run1-segment-anon" }, "user")).ValueKind);

        var kpis = await Eventually.ReadUntilAsync(
            () => platform.Http.FieldAsync(admin, "query($id: ID!) { campaign(id: $id) { kpis { exposures redemptions gmv } } }", new { id = campaign }, "campaign"),
            c => c.GetProperty("kpis").GetProperty("gmv").GetDecimal() >= 50m,
            because: "both sessions' orders in the campaign's KPIs");
        Assert.Equal((2, 2, 50m), (kpis.GetProperty("kpis").GetProperty("exposures").GetInt32(), kpis.GetProperty("kpis").GetProperty("redemptions").GetInt32(), kpis.GetProperty("kpis").GetProperty("gmv").GetDecimal()));

        var refused = await platform.Http.FieldAsync(admin, Debugger, new { s = "REFUSED" }, "trackerMessages");
        Assert.Equal(2, refused.GetArrayLength());
        Assert.All(refused.EnumerateArray(), m => Assert.Equal(("Order Completed", "properties.revenue", "out_of_range"),
            (m.GetProperty("eventName").GetString(), m.GetProperty("problems")[0].GetProperty("field").GetString(), m.GetProperty("problems")[0].GetProperty("rule").GetString())));
        var ignored = (await platform.Http.FieldAsync(admin, Debugger, new { s = "IGNORED" }, "trackerMessages")).EnumerateArray().ToList();
        Assert.Equal(2, ignored.Count(m => m.GetProperty("call").GetString() == "page"));
        Assert.Equal(2, ignored.Count(m => m.GetProperty("eventName").GetString() == "Checkout Started"));
        Assert.Equal(2, ignored.Count(m => m.GetProperty("call").GetString() == "identify" && m.GetProperty("problems")[0].GetProperty("field").GetString() == "traits.email"));
    }

    [Fact]
    public async Task KeysOtherThanALiveTrackerKeyAreRefusedAndStoreNothing()
    {
        var (_, admin) = await platform.CreateTenantAsync("trk");
        var writeKey = await platform.CreateKeyAsync(admin, "TRACKER");
        using var trackers = new TrackerClients(platform.Node.BaseUri);
        var view = Track("keys-user", "k-1");

        Assert.Equal(HttpStatusCode.Unauthorized, (await trackers.PostAsync(null, "track", view)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await trackers.PostAsync("not-a-key", "track", view)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await trackers.PostAsync(admin, "track", view)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await trackers.PostAsync(platform.Settings.SystemKey, "track", view)).StatusCode);
        var onGraphQL = await platform.Http.PostAsync(writeKey, "{ tenant { id } }");
        Assert.Equal((HttpStatusCode.Forbidden, "FORBIDDEN"), (onGraphQL.Status, onGraphQL.ErrorCodes[0]));
        await Tenants.RevokeKeyAsync(platform.Http, admin, "TRACKER");
        await Task.Delay(ApiKeyCacheLifetime);
        Assert.Equal(HttpStatusCode.Unauthorized, (await trackers.PostAsync(writeKey, "track", view)).StatusCode);

        Assert.Equal(JsonValueKind.Null, (await platform.Http.FieldAsync(admin, Profile, new { id = "keys-user" }, "user")).ValueKind);
    }

    [Fact]
    public async Task BrokenRequestsAre400AndBrokenMessagesAreListedWhileTheRestOfTheBatchIsStored()
    {
        var (_, admin) = await platform.CreateTenantAsync("trk");
        var writeKey = await platform.CreateKeyAsync(admin, "TRACKER");
        using var trackers = new TrackerClients(platform.Node.BaseUri);

        Assert.Equal(HttpStatusCode.BadRequest, (await trackers.PostAsync(writeKey, "batch", "{\"batch\": [")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await trackers.PostAsync(writeKey, "batch", "{\"batch\": {}}")).StatusCode);
        var oversized = $"{{\"batch\": [{string.Join(",", Enumerable.Range(0, 40).Select(i => Track("big", $"big-{i}", new string('x', 14_000))))}]}}";
        Assert.Equal(HttpStatusCode.BadRequest, (await trackers.PostAsync(writeKey, "batch", oversized)).StatusCode);
        var bomb = TrackerClients.Gzip(Encoding.UTF8.GetBytes("{\"batch\": [\"" + new string('a', 50_000_000) + "\"]}"));
        Assert.True(bomb.Length < 100_000, $"{bomb.Length} bytes");
        Assert.Equal(HttpStatusCode.BadRequest, (await trackers.PostAsync(writeKey, "batch", bomb, gzip: true)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await trackers.PostAsync(writeKey, "track", Track("big", "big-1", new string('x', 40_000)))).StatusCode);

        var batch = $$"""
            { "sentAt": "{{DateTimeOffset.UtcNow:O}}", "batch": [
              {{Track("mixed", "ok-1")}},
              { "type": "track", "event": "Product Viewed", "properties": { "product_id": "p" } },
              { "type": "track", "event": "Order Completed", "userId": "mixed", "messageId": "bad-currency", "properties": { "revenue": 10, "currency": "EURO" } },
              { "type": "track", "event": "Products Searched", "userId": "mixed", "properties": { "query": "no message id" } },
              {{Track("mixed", "big-in-batch", new string('x', 40_000))}}
            ] }
            """;
        var accepted = await trackers.PostAsync(writeKey, "batch", batch, gzip: true);
        var again = await trackers.PostAsync(writeKey, "batch", batch, gzip: true);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (accepted.StatusCode, again.StatusCode));
        Assert.Equal("{\"success\":true}", await accepted.Content.ReadAsStringAsync());
        var profile = await platform.Http.FieldAsync(admin, Profile, new { id = "mixed" }, "user");
        Assert.Equal(["SEARCH", "VIEW"], profile.GetProperty("trajectory").EnumerateArray().Select(s => s.GetProperty("type").GetString()).Order());
        var refused = (await platform.Http.FieldAsync(admin, Debugger, new { s = "REFUSED" }, "trackerMessages")).EnumerateArray()
            .Select(m => (m.GetProperty("problems")[0].GetProperty("field").GetString(), m.GetProperty("problems")[0].GetProperty("rule").GetString())).ToList();
        Assert.Equal(3, refused.Count); // the batch was sent twice: a retried message is listed once
        Assert.Contains(("userId", "required"), refused);
        Assert.Contains(("properties.currency", "format"), refused);
        Assert.Contains(("message", "too_large"), refused);

        (await platform.Http.PostAsync(admin, "mutation { forgetUser(id: \"mixed\") { events } }")).AssertSuccess();
        var afterErasure = await platform.Http.FieldAsync(admin, Debugger, new { s = "REFUSED" }, "trackerMessages");
        Assert.Equal(1, afterErasure.GetArrayLength()); // the message without a user
        Assert.DoesNotContain(afterErasure.EnumerateArray(), m => m.GetProperty("userId").GetString() == "mixed");
    }

    [Fact]
    public async Task OneBrokenMessageNeverTakesOthersDown()
    {
        var (_, admin) = await platform.CreateTenantAsync("trk");
        var writeKey = await platform.CreateKeyAsync(admin, "TRACKER");
        using var trackers = new TrackerClients(platform.Node.BaseUri);
        var now = DateTimeOffset.UtcNow.ToString("O");
        var batch = $$"""
            { "batch": [
              { "type": "identify", "userId": "whole", "messageId": "i-1", "traits": { "age": 30, "gender": "female" } },
              { "type": "identify", "userId": "whole", "messageId": "i-2", "traits": { "age": 200 } },
              { "type": "track", "event": "Order Completed", "userId": "whole", "messageId": "o-1", "timestamp": "{{now}}",
                "properties": { "revenue": 10, "currency": "EUR", "products": [ { "product_id": "a", "price": 5 }, { "product_id": "b", "price": 5, "quantity": 0 } ] } },
              { "type": "track", "event": "Products Searched", "userId": "whole", "messageId": "twice", "messageId": "again", "properties": { "query": "q" } },
              { "type": "track", "event": "Products Searched", "userId": "whole", "messageId": "half-emoji", "properties": { "query": "\ud83d" } },
              {{Track("whole", "fine")}}
            ] }
            """;

        Assert.Equal(HttpStatusCode.OK, (await trackers.PostAsync(writeKey, "batch", batch)).StatusCode);

        var profile = await platform.Http.FieldAsync(admin, Profile, new { id = "whole" }, "user");
        Assert.Equal(["VIEW"], profile.GetProperty("trajectory").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal((30, "female"), (profile.GetProperty("attributes").GetProperty("age").GetInt32(), profile.GetProperty("attributes").GetProperty("gender").GetString()));
        var refused = (await platform.Http.FieldAsync(admin, Debugger, new { s = "REFUSED" }, "trackerMessages")).EnumerateArray()
            .Select(m => $"{m.GetProperty("call").GetString()} {m.GetProperty("problems")[0].GetProperty("field").GetString()} {m.GetProperty("problems")[0].GetProperty("rule").GetString()}")
            .Order().ToList();
        Assert.Equal(["identify traits.age out_of_range", "track message format", "track message format", "track properties.products[1].quantity out_of_range"], refused);
    }

    [Fact]
    public async Task AnAliasCannotMergeAnIdentifiedUserAway()
    {
        var (_, admin) = await platform.CreateTenantAsync("trk");
        var writeKey = await platform.CreateKeyAsync(admin, "TRACKER");
        using var trackers = new TrackerClients(platform.Node.BaseUri);
        var batch = $$"""
            { "batch": [
              { "type": "identify", "userId": "customer-1", "messageId": "i-1", "traits": { "age": 40 } },
              {{Track("customer-1", "v-1")}},
              { "type": "alias", "previousId": "customer-1", "userId": "someone-else", "messageId": "a-1" }
            ] }
            """;

        Assert.Equal(HttpStatusCode.OK, (await trackers.PostAsync(writeKey, "batch", batch)).StatusCode);

        var profile = await platform.Http.FieldAsync(admin, Profile, new { id = "customer-1" }, "user");
        Assert.Equal((1, 40), (profile.GetProperty("trajectory").GetArrayLength(), profile.GetProperty("attributes").GetProperty("age").GetInt32()));
        Assert.Equal(JsonValueKind.Null, (await platform.Http.FieldAsync(admin, Profile, new { id = "someone-else" }, "user")).ValueKind);
        var refused = Assert.Single((await platform.Http.FieldAsync(admin, Debugger, new { s = "REFUSED" }, "trackerMessages")).EnumerateArray());
        Assert.Equal(("alias", "identified_user"), (refused.GetProperty("call").GetString(), refused.GetProperty("problems")[0].GetProperty("rule").GetString()));
    }

    private static readonly TimeSpan ApiKeyCacheLifetime = TimeSpan.FromSeconds(1);

    private static string Track(string userId, string messageId, string? padding = null) => JsonSerializer.Serialize(new
    {
        type = "track",
        @event = "Product Viewed",
        userId,
        messageId,
        timestamp = DateTimeOffset.UtcNow,
        properties = new { product_id = "p-1", category = "Games", note = padding },
    });
}
