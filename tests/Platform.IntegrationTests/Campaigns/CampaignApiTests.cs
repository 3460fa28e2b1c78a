using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Campaigns;

/// <summary>Campaign design and lifecycle through GraphQL: validation, transitions, the clock, paging and tenant isolation.</summary>
public sealed class CampaignApiTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    public const string Fields = "id name status pauseReason source type value channel startsAt endsAt budget holdoutShare audience attributionWindowDays launchedAt endedAt";
    public const string Create = $"mutation($d: CampaignDesignInput!) {{ createCampaign(design: $d) {{ {Fields} }} }}";
    private const string Update = $"mutation($id: ID!, $c: CampaignChangesInput!) {{ updateCampaign(id: $id, changes: $c) {{ {Fields} }} }}";
    private const string Get = $"query($id: ID!) {{ campaign(id: $id) {{ {Fields} }} }}";

    public static object Design(DateTimeOffset start, DateTimeOffset end, object? extra = null)
    {
        var design = new Dictionary<string, object?>
        {
            ["name"] = "Winter sale", ["type"] = "PERCENT_OFF", ["value"] = 20, ["channel"] = "EMAIL",
            ["startsAt"] = start, ["endsAt"] = end, ["budget"] = 5000,
        };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            design[property.Name] = property.GetValue(extra);
        }

        return design;
    }

    [Fact]
    public async Task ADesignedCampaignStartsAsADraftWithItsDefaults()
    {
        var (_, admin) = await platform.CreateTenantAsync("cmp");
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var created = await platform.Http.FieldAsync(admin, Create, new { d = Design(start, start.AddDays(14)) }, "createCampaign");

        Assert.StartsWith("cmp-", created.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(("DRAFT", "DESIGNED", 0.1, 7), (created.GetProperty("status").GetString(), created.GetProperty("source").GetString(),
            created.GetProperty("holdoutShare").GetDouble(), created.GetProperty("attributionWindowDays").GetInt32()));
        Assert.True(JsonDocument.Parse(created.GetProperty("audience").GetString()!).RootElement.GetProperty("all").GetBoolean());
        var read = await platform.Http.FieldAsync(admin, Get, new { id = created.GetProperty("id").GetString() }, "campaign");
        Assert.Equal(created.GetRawText(), read.GetRawText());
    }

    [Fact]
    public async Task AnInvalidDesignIsRefusedWithEveryBrokenRule()
    {
        var (_, admin) = await platform.CreateTenantAsync("cmp");
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var response = await platform.Http.PostAsync(admin, Create, new { d = Design(start, start.AddDays(-1), new { value = 95, holdoutShare = 0.7 }) });

        Assert.Equal(["INVALID_ARGUMENT"], response.ErrorCodes);
        var violations = response.FirstError.GetProperty("extensions").GetProperty("violations").EnumerateArray()
            .Select(v => (v.GetProperty("field").GetString(), v.GetProperty("rule").GetString())).ToList();
        Assert.Equal([("value", "percent_range"), ("endsAt", "after_start"), ("holdoutShare", "out_of_range")], violations);
        Assert.Equal(0, (await platform.Http.FieldAsync(admin, "{ campaigns { nodes { id } } }", null, "campaigns")).GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task TheClockStartsAndEndsALaunchedCampaign()
    {
        var (_, admin) = await platform.CreateTenantAsync("cmp");
        var start = DateTimeOffset.UtcNow.AddSeconds(3);
        var id = (await platform.Http.FieldAsync(admin, Create, new { d = Design(start, start.AddSeconds(4)) }, "createCampaign")).GetProperty("id").GetString();

        var launched = await platform.Http.FieldAsync(admin, "mutation($id: ID!) { launchCampaign(id: $id) { status launchedAt } }", new { id }, "launchCampaign");
        Assert.Equal("SCHEDULED", launched.GetProperty("status").GetString());
        await Eventually.ReadUntilAsync(() => platform.Http.FieldAsync(admin, Get, new { id }, "campaign"), c => c.GetProperty("status").GetString() == "RUNNING", TimeSpan.FromSeconds(60));
        var ended = await Eventually.ReadUntilAsync(() => platform.Http.FieldAsync(admin, Get, new { id }, "campaign"), c => c.GetProperty("status").GetString() == "ENDED", TimeSpan.FromSeconds(60));
        Assert.Equal(start.AddSeconds(4).ToUnixTimeMilliseconds(), ended.GetProperty("endedAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task IllegalTransitionsAndLockedChangesAreRefused()
    {
        var (_, admin) = await platform.CreateTenantAsync("cmp");
        var now = DateTimeOffset.UtcNow;
        var id = (await platform.Http.FieldAsync(admin, Create, new { d = Design(now.AddMinutes(-1), now.AddDays(3)) }, "createCampaign")).GetProperty("id").GetString();

        Assert.Equal(["ILLEGAL_TRANSITION"], (await platform.Http.PostAsync(admin, "mutation($id: ID!) { pauseCampaign(id: $id) { status } }", new { id })).ErrorCodes);
        Assert.Equal("RUNNING", (await platform.Http.FieldAsync(admin, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id }, "launchCampaign")).GetProperty("status").GetString());
        Assert.Equal(["LOCKED_WHILE_LIVE"], (await platform.Http.PostAsync(admin, Update, new { id, c = new { value = 40 } })).ErrorCodes);
        var adjusted = await platform.Http.FieldAsync(admin, Update, new { id, c = new { budget = 8000, name = "Bigger winter sale" } }, "updateCampaign");
        Assert.Equal((8000m, "Bigger winter sale"), (adjusted.GetProperty("budget").GetDecimal(), adjusted.GetProperty("name").GetString()));

        var paused = await platform.Http.FieldAsync(admin, "mutation($id: ID!) { pauseCampaign(id: $id) { status pauseReason } }", new { id }, "pauseCampaign");
        Assert.Equal(("PAUSED", "MERCHANT"), (paused.GetProperty("status").GetString(), paused.GetProperty("pauseReason").GetString()));
        Assert.Equal("RUNNING", (await platform.Http.FieldAsync(admin, "mutation($id: ID!) { resumeCampaign(id: $id) { status } }", new { id }, "resumeCampaign")).GetProperty("status").GetString());
        Assert.Equal("ENDED", (await platform.Http.FieldAsync(admin, "mutation($id: ID!) { endCampaign(id: $id) { status } }", new { id }, "endCampaign")).GetProperty("status").GetString());
        Assert.Equal(["ILLEGAL_TRANSITION"], (await platform.Http.PostAsync(admin, "mutation($id: ID!) { resumeCampaign(id: $id) { status } }", new { id })).ErrorCodes);
    }

    [Fact]
    public async Task AnotherTenantsCampaignCannotBeSeenOrChanged()
    {
        var (_, owner) = await platform.CreateTenantAsync("cmp");
        var (_, other) = await platform.CreateTenantAsync("cmp");
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var id = (await platform.Http.FieldAsync(owner, Create, new { d = Design(start, start.AddDays(1)) }, "createCampaign")).GetProperty("id").GetString();

        Assert.Equal(JsonValueKind.Null, (await platform.Http.FieldAsync(other, Get, new { id }, "campaign")).ValueKind);
        Assert.Equal(["NOT_FOUND"], (await platform.Http.PostAsync(other, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id })).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await platform.Http.PostAsync(other, Update, new { id, c = new { name = "mine" } })).ErrorCodes);
        Assert.Equal("DRAFT", (await platform.Http.FieldAsync(owner, Get, new { id }, "campaign")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task PartnersReadCampaignsButCannotChangeThem()
    {
        var (_, admin) = await platform.CreateTenantAsync("cmp");
        var partner = await platform.CreateKeyAsync(admin, "PARTNER");
        var start = DateTimeOffset.UtcNow.AddDays(1);

        Assert.Equal(["FORBIDDEN"], (await platform.Http.PostAsync(partner, Create, new { d = Design(start, start.AddDays(1)) })).ErrorCodes);
        var id = (await platform.Http.FieldAsync(admin, Create, new { d = Design(start, start.AddDays(1)) }, "createCampaign")).GetProperty("id").GetString();
        Assert.Equal(id, (await platform.Http.FieldAsync(partner, Get, new { id }, "campaign")).GetProperty("id").GetString());
    }

    [Fact]
    public async Task CampaignsPageNewestFirstAndFilterByStatus()
    {
        var (_, admin) = await platform.CreateTenantAsync("cmp");
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await platform.Http.FieldAsync(admin, Create, new { d = Design(start, start.AddDays(1), new { name = $"c{i}" }) }, "createCampaign")).GetProperty("id").GetString()!);
        }

        await platform.Http.FieldAsync(admin, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id = ids[1] }, "launchCampaign");
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await platform.Http.FieldAsync(admin, "query($after: String) { campaigns(first: 2, after: $after) { nodes { id } hasNextPage endCursor } }", new { after }, "campaigns");
            seen.AddRange(page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!));
            after = page.GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);

        Assert.Equal(Enumerable.Reverse(ids), seen);
        var scheduled = await platform.Http.FieldAsync(admin, "{ campaigns(status: SCHEDULED) { nodes { id } } }", null, "campaigns");
        Assert.Equal([ids[1]], scheduled.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal(["INVALID_ARGUMENT"], (await platform.Http.PostAsync(admin, "{ campaigns(after: \"nonsense\") { hasNextPage } }")).ErrorCodes);
    }
}
