using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Ingestion;

/// <summary>Audiences in PostgreSQL agree with the live profiles; summaries count what is there; segments show on profiles.</summary>
public sealed class AudienceTests(AudienceTests.Shop shop) : IClassFixture<AudienceTests.Shop>
{
    private const string Users = "query($a: AudienceInput!, $after: String) { users(audience: $a, first: 7, after: $after) { nodes { userId } hasNextPage endCursor } }";

    public static TheoryData<string> Rules => new()
    {
        """{ "field": "age", "op": "GTE", "number": 40 }""",
        """{ "field": "region", "op": "IN", "values": ["north", "south"] }""",
        """{ "all": [ { "field": "purchases", "op": "GT", "number": 0 }, { "not": { "field": "gender", "op": "EQ", "value": "female" } } ] }""",
        """{ "field": "segment", "op": "EQ", "value": "never_purchased" }""",
        """{ "field": "counter.VIEW.last30Days", "op": "GTE", "number": 3 }""",
        """{ "field": "tags", "op": "CONTAINS", "value": "vip" }""",
        """{ "field": "topCategories", "op": "CONTAINS", "value": "shoes" }""",
        """{ "any": [ { "field": "recencyDays", "op": "LTE", "number": 2 }, { "field": "attribute.points", "op": "GT", "number": 50 } ] }""",
        """{ "field": "interestTags", "op": "CONTAINS", "value": "repeat_buyer" }""",
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task TheSqlAudienceIsExactlyTheUsersTheRuleHoldsForLive(string rule)
    {
        var parsed = JsonDocument.Parse(rule).RootElement;
        var inSql = await ListAsync(new { rule = parsed });
        var segmentName = $"s{Guid.NewGuid():N}"[..12];
        (await shop.Http.PostAsync(shop.Admin, "mutation($n: String!, $r: AudienceRuleInput!) { createSegment(name: $n, rule: $r) { name } }", new { n = segmentName, r = parsed })).AssertSuccess();

        var live = new List<string>();
        foreach (var id in shop.Users)
        {
            var segments = (await shop.Http.PostAsync(shop.Admin, "query($id: ID!) { user(id: $id) { segments } }", new { id })).Data.GetProperty("user").GetProperty("segments");
            if (segments.EnumerateArray().Any(s => s.GetString() == segmentName))
            {
                live.Add(id);
            }
        }

        Assert.NotEmpty(live);
        Assert.Equal(live.Order(StringComparer.Ordinal), inSql);
    }

    [Fact]
    public async Task PagesCoverTheAudienceOnceInIdOrder()
    {
        var all = await ListAsync(new { all = true });

        Assert.Equal(shop.Users.Order(StringComparer.Ordinal), all);
    }

    [Fact]
    public async Task TheSummaryCountsTheAudience()
    {
        var response = await shop.Http.PostAsync(shop.Admin, """
            query { audienceSummary(audience: { tags: ["vip"] }) {
              users withEvents buyers revenue genders { key count } rfmSegments { key count } ageBuckets { key count } tags { key count } } }
            """);

        var summary = response.Data.GetProperty("audienceSummary");
        var vips = shop.Users.Where((_, i) => i % 4 == 0).ToList();
        Assert.Equal(vips.Count, summary.GetProperty("users").GetInt64());
        Assert.Equal(vips.Count, summary.GetProperty("tags").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "vip").GetProperty("count").GetInt64());
        Assert.Equal(vips.Count, summary.GetProperty("ageBuckets").EnumerateArray().Sum(b => b.GetProperty("count").GetInt64()));
        Assert.Equal(vips.Count(v => int.Parse(v[1..], System.Globalization.CultureInfo.InvariantCulture) % 3 != 0), summary.GetProperty("buyers").GetInt64()); // i % 3 purchases each
    }

    [Fact]
    public async Task AnInvalidRuleNamesItsField()
    {
        var response = await shop.Http.PostAsync(shop.Admin, "query { audienceSummary(audience: { rule: { field: \"shoe_size\", op: EQ, value: \"42\" } }) { users } }");

        Assert.Equal(["INVALID_ARGUMENT"], response.ErrorCodes);
        Assert.Equal("audience.rule.field", response.FirstError.GetProperty("extensions").GetProperty("field").GetString());
    }

    private async Task<List<string>> ListAsync(object audience)
    {
        var ids = new List<string>();
        string? after = null;
        do
        {
            var page = (await shop.Http.PostAsync(shop.Admin, Users, new { a = audience, after })).Data.GetProperty("users");
            ids.AddRange(page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("userId").GetString()!));
            after = page.GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);
        return ids;
    }

    /// <summary>24 users with varied attributes and behaviour, their projection rows written.</summary>
    public sealed class Shop : PlatformFixture
    {
        public string Admin { get; private set; } = "";

        public List<string> Users { get; } = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            (var tenant, Admin) = await CreateTenantAsync("aud");
            // Several summaries (50 tokens each) and the projection polls run back to back: the limiter is not under test here.
            (await Http.PostAsync(Settings.SystemKey, Tenants.SetRateLimit, new { tenant, perSecond = 10_000 })).AssertSuccess();
            (await Http.PostAsync(Admin, "mutation { setAttributeSchema(attributes: [{ name: \"points\", kind: NUMERIC }]) { id } }")).AssertSuccess();
            (await Http.PostAsync(Admin, "mutation($items: [ItemInput!]!) { upsertItems(items: $items) { accepted } }", new
            {
                items = new object[] { new { id = "boot", title = "Boot", categoryPath = new[] { "shoes" } }, new { id = "hat", title = "Hat", categoryPath = new[] { "hats" } } },
            })).AssertSuccess();

            string[] regions = ["north", "south", "east", "west"];
            var users = new List<object>();
            var events = new List<object>();
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 24; i++)
            {
                var id = $"s{i:00}";
                Users.Add(id);
                users.Add(new
                {
                    id,
                    age = i % 5 == 0 ? (int?)null : 20 + (i * 3 % 50),
                    gender = i % 2 == 0 ? "female" : "male",
                    region = regions[i % 4],
                    tags = i % 4 == 0 ? new[] { "vip" } : Array.Empty<string>(),
                    attributes = new object[] { new { name = "points", number = i * 5 } },
                });
                for (var v = 0; v < i % 6; v++)
                {
                    events.Add(Events.View($"{id}-v{v}", id, i % 2 == 0 ? "boot" : "hat", now.AddDays(-v * 2)));
                }

                for (var p = 0; p < i % 3; p++)
                {
                    events.Add(Events.Purchase($"{id}-p{p}", id, 10 + i, now.AddDays(-(i % 10) - (p * 20))));
                }
            }

            (await Http.PostAsync(Admin, "mutation($users: [UserInput!]!) { upsertUsers(users: $users) { rejected } }", new { users })).AssertSuccess();
            (await Http.PostAsync(Admin, Events.Ingest, new { events })).AssertSuccess();
            await WaitForProjectionAsync();
        }

        // The projection is written in batches about every second.
        private async Task WaitForProjectionAsync()
        {
            var withEvents = Users.Count(s => int.Parse(s[1..], System.Globalization.CultureInfo.InvariantCulture) % 6 != 0 || int.Parse(s[1..], System.Globalization.CultureInfo.InvariantCulture) % 3 != 0);
            await Eventually.ReadUntilAsync(
                async () => (await Http.PostAsync(Admin, "query { audienceSummary(audience: { all: true }) { withEvents } }")).Data.GetProperty("audienceSummary").GetProperty("withEvents").GetInt64(),
                written => written >= withEvents,
                TimeSpan.FromSeconds(20),
                "the profile projection was not written");
        }
    }
}
