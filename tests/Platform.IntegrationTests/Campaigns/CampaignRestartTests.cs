using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Campaigns;

/// <summary>A node restart during a running campaign changes neither its KPIs nor its holdout assignment, and later events count once.</summary>
public sealed class CampaignRestartTests
{
    private const string Read = """
        query($id: ID!, $users: [ID!]!) {
          campaign(id: $id) { status kpis { reach orders gmv control { users } } }
          campaignAssignments(campaignId: $id, userIds: $users) { userId arm }
        }
        """;

    [Fact]
    public async Task KpisAndAssignmentsSurviveARestart()
    {
        var settings = await NodeSettings.CreateAsync("campaign-restart");
        var users = Enumerable.Range(0, 30).Select(i => $"r{i}").ToList();
        string merchant, id, before;
        await using (var first = await GatewayNode.StartAsync(settings))
        {
            using var http = new GraphQLHttp(first.GraphQLUri);
            (_, merchant) = await Tenants.CreateAsync(http, settings.SystemKey);
            var now = DateTimeOffset.UtcNow;
            var created = await http.PostAsync(merchant, CampaignApiTests.Create, new { d = CampaignApiTests.Design(now.AddHours(-1), now.AddDays(3), new { holdoutShare = 0.3 }) });
            id = created.Data.GetProperty("createCampaign").GetProperty("id").GetString()!;
            (await http.PostAsync(merchant, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id })).AssertSuccess();
            var at = DateTimeOffset.UtcNow;
            var events = users.SelectMany((u, i) => new object[]
            {
                new { eventId = $"x{i}", userId = u, type = "CAMPAIGN_EXPOSURE", occurredAt = at.ToString("O"), campaignId = id },
                new { eventId = $"p{i}", userId = u, type = "PURCHASE", occurredAt = at.AddSeconds(1).ToString("O"), amount = 10m, currency = "EUR" },
            }).ToArray();
            (await http.PostAsync(merchant, Events.Ingest, new { events })).AssertSuccess();
            before = await WaitAsync(http, merchant, id, users, reach: null, controls: null, orders: null, settled: true);
        }

        await using var second = await GatewayNode.StartAsync(settings);
        using var again = new GraphQLHttp(second.GraphQLUri);
        Assert.Equal(before, (await again.PostAsync(merchant, Read, new { id, users })).Data.ToString());

        // One more purchase from every user: counted exactly once more for the treatment side's orders.
        var later = DateTimeOffset.UtcNow;
        var more = users.Select((u, i) => new { eventId = $"q{i}", userId = u, type = "PURCHASE", occurredAt = later.ToString("O"), amount = 5m, currency = "EUR" }).ToArray();
        (await again.PostAsync(merchant, Events.Ingest, new { events = more })).AssertSuccess();
        var treated = System.Text.Json.JsonDocument.Parse(before).RootElement.GetProperty("campaignAssignments").EnumerateArray().Count(a => a.GetProperty("arm").GetString() == "TREATMENT");
        var after = System.Text.Json.JsonDocument.Parse(await WaitAsync(again, merchant, id, users, reach: treated, controls: users.Count - treated, orders: 2 * treated, settled: false)).RootElement;
        Assert.Equal(15m * treated, after.GetProperty("campaign").GetProperty("kpis").GetProperty("gmv").GetDecimal());
    }

    // Waits until the KPIs show the expected figures (or, when settled, stop changing with everyone enrolled); returns the read as JSON text.
    private static async Task<string> WaitAsync(GraphQLHttp http, string key, string id, List<string> users, long? reach, long? controls, long? orders, bool settled)
    {
        var data = await Eventually.ReadUntilAsync(
            async () => (await http.PostAsync(key, Read, new { id, users })).Data,
            data =>
            {
                var kpis = data.GetProperty("campaign").GetProperty("kpis");
                var (reached, control, ordered) = (kpis.GetProperty("reach").GetInt64(), kpis.GetProperty("control").GetProperty("users").GetInt64(), kpis.GetProperty("orders").GetInt64());
                return settled ? reached + control == users.Count && ordered == reached : reached == reach && control == controls && ordered == orders;
            });
        return data.ToString();
    }
}
