using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Campaigns;

/// <summary>
/// A campaign's audience, daily frequency cap and category scope applied end to end: users outside the audience are
/// neither enrolled nor counted, campaignAssignments says who may be shown the campaign now and why not, and only
/// purchases in scope become the campaign's orders.
/// </summary>
public sealed class CampaignTargetingTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string Assignments = """
        query($c: ID!, $u: [ID!]!) { campaignAssignments(campaignId: $c, userIds: $u) { userId arm eligible ineligibleBecause exposuresToday } }
        """;

    [Fact]
    public async Task OnlyTheAudienceIsEnrolledCappedAndCountedInScope()
    {
        var (_, merchant) = await platform.CreateTenantAsync("tgt");
        var vips = Enumerable.Range(0, 6).Select(i => $"vip-{i}").ToList();
        var others = Enumerable.Range(0, 6).Select(i => $"other-{i}").ToList();
        (await platform.Http.PostAsync(merchant, "mutation($u: [UserInput!]!) { upsertUsers(users: $u) { accepted } }",
            new { u = vips.Select(id => new { id, tags = new[] { "vip" } }).Concat(others.Select(id => new { id, tags = new[] { "casual" } })) })).AssertSuccess();

        var now = DateTimeOffset.UtcNow;
        var design = CampaignApiTests.Design(now.AddHours(-1), now.AddDays(7), new { holdoutShare = 0.0, frequencyCapPerDay = 2, categoryIds = new[] { "shoes" }, audience = new { tags = new[] { "vip" } } });
        var id = (await platform.Http.FieldAsync(merchant, CampaignApiTests.Create, new { d = design }, "createCampaign")).GetProperty("id").GetString()!;
        await platform.Http.FieldAsync(merchant, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id }, "launchCampaign");

        var before = await AssignAsync(merchant, id, vips.Concat(others).ToList());
        Assert.All(vips, u => Assert.Equal(("TREATMENT", true, 0), (before[u].GetProperty("arm").GetString(), before[u].GetProperty("eligible").GetBoolean(), before[u].GetProperty("exposuresToday").GetInt32())));
        Assert.All(others, u => Assert.Equal((JsonValueKind.Null, false, "NOT_IN_AUDIENCE"),
            (before[u].GetProperty("arm").ValueKind, before[u].GetProperty("eligible").GetBoolean(), before[u].GetProperty("ineligibleBecause").GetString())));

        var at = DateTimeOffset.UtcNow;
        var events = vips.Concat(others).SelectMany((user, i) => new object[]
        {
            new { eventId = $"{user}-x1", userId = user, type = "CAMPAIGN_EXPOSURE", occurredAt = at.ToString("O"), campaignId = id },
            new { eventId = $"{user}-x2", userId = user, type = "CAMPAIGN_EXPOSURE", occurredAt = at.AddSeconds(1).ToString("O"), campaignId = id },
            new { eventId = $"{user}-shoes", userId = user, type = "PURCHASE", occurredAt = at.AddSeconds(2).ToString("O"), itemId = $"boot-{i}", categoryId = "shoes", amount = 50m, currency = "EUR", quantity = 1 },
            new { eventId = $"{user}-shirt", userId = user, type = "PURCHASE", occurredAt = at.AddSeconds(3).ToString("O"), itemId = $"shirt-{i}", categoryId = "shirts", amount = 30m, currency = "EUR", quantity = 1 },
        }).ToList();
        (await platform.Http.PostAsync(merchant, "mutation($e: [EventInput!]!) { ingestEvents(events: $e) { accepted } }", new { e = events })).AssertSuccess();

        var kpis = await Eventually.ReadUntilAsync(
            async () => (await platform.Http.FieldAsync(merchant, "query($id: ID!) { campaign(id: $id) { kpis { reach exposures orders gmv treatment { users conversionRate } } } }", new { id }, "campaign")).GetProperty("kpis"),
            k => k.GetProperty("reach").GetInt64() == vips.Count && k.GetProperty("orders").GetInt64() == vips.Count);
        Assert.Equal((vips.Count, 2L * vips.Count, 50m * vips.Count), (kpis.GetProperty("treatment").GetProperty("users").GetInt64(), kpis.GetProperty("exposures").GetInt64(), kpis.GetProperty("gmv").GetDecimal()));

        var after = await Eventually.ReadUntilAsync(() => AssignAsync(merchant, id, vips.Concat(others).ToList()), a => vips.All(u => a[u].GetProperty("exposuresToday").GetInt32() == 2));
        Assert.All(vips, u => Assert.Equal(("TREATMENT", false, "FREQUENCY_CAP_REACHED"),
            (after[u].GetProperty("arm").GetString(), after[u].GetProperty("eligible").GetBoolean(), after[u].GetProperty("ineligibleBecause").GetString())));
        Assert.All(others, u => Assert.Equal(("NOT_IN_AUDIENCE", 2), (after[u].GetProperty("ineligibleBecause").GetString(), after[u].GetProperty("exposuresToday").GetInt32())));
    }

    private async Task<Dictionary<string, JsonElement>> AssignAsync(string key, string campaignId, List<string> users) =>
        (await platform.Http.FieldAsync(key, Assignments, new { c = campaignId, u = users }, "campaignAssignments"))
            .EnumerateArray().ToDictionary(a => a.GetProperty("userId").GetString()!, a => a.Clone());
}
