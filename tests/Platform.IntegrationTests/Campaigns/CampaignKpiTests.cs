using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Campaigns;

/// <summary>
/// A campaign launched through GraphQL, treatment and control users' exposures, claims, redemptions,
/// purchases and reviews ingested, and the KPIs and lift intervals read back equal to figures this test
/// computes on its own from the events it sent.
/// </summary>
public sealed class CampaignKpiTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string Kpis = """
        query($id: ID!) { campaign(id: $id) { kpis {
          reach exposures participants participationRate participationsPerParticipant engagementSecondsPerParticipant
          redemptions conversions orders gmv averageOrderValue discountCost budgetLeft satisfaction holdoutLeaks
          treatment { users conversionRate revenuePerUser } control { users conversionRate revenuePerUser }
          conversionRateLift { value low high } revenuePerUserLift { value low high } incrementalRevenue { value low high } roi
        } } }
        """;

    private const double Z = 1.959963984540054;

    [Fact]
    public async Task KpisAndLiftMatchAnIndependentComputation()
    {
        var (_, merchant) = await platform.CreateTenantAsync("kpi");
        var now = DateTimeOffset.UtcNow;
        var design = CampaignApiTests.Design(now.AddHours(-2), now.AddDays(7), new { holdoutShare = 0.5, budget = 1000 });
        var id = (await platform.Http.FieldAsync(merchant, CampaignApiTests.Create, new { d = design }, "createCampaign")).GetProperty("id").GetString()!;
        await platform.Http.FieldAsync(merchant, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id }, "launchCampaign");

        var users = Enumerable.Range(0, 60).Select(i => $"kpi-{i}").ToList();
        var arms = (await platform.Http.FieldAsync(merchant, "query($c: ID!, $u: [ID!]!) { campaignAssignments(campaignId: $c, userIds: $u) { userId arm } }", new { c = id, u = users }, "campaignAssignments"))
            .EnumerateArray().ToDictionary(a => a.GetProperty("userId").GetString()!, a => a.GetProperty("arm").GetString()!);
        var treated = users.Where(s => arms[s] == "TREATMENT").ToList();
        var control = users.Where(s => arms[s] == "CONTROL").ToList();
        Assert.True(treated.Count >= 10 && control.Count >= 10, $"{treated.Count} treated, {control.Count} control");

        var t0 = DateTimeOffset.UtcNow; // events count from the launch on
        var events = new List<object>();
        var revenue = users.ToDictionary(s => s, _ => 0m);
        int next = 0;
        string Id() => $"{id}-e{next++}";
        foreach (var (user, i) in treated.Select((s, i) => (s, i)))
        {
            events.Add(CampaignEvent(Id(), user, "CAMPAIGN_EXPOSURE", id, t0));
            if (i % 2 == 0)
            {
                events.Add(CampaignEvent(Id(), user, "CAMPAIGN_CLICK", id, t0.AddSeconds(1), duration: 30));
            }

            if (i % 3 == 0)
            {
                events.Add(CampaignEvent(Id(), user, "COUPON_CLAIM", id, t0.AddSeconds(2), duration: 15));
                events.Add(CampaignEvent(Id(), user, "COUPON_REDEEM", id, t0.AddSeconds(3), amount: 4m));
            }

            if (i % 4 != 3)
            {
                var amount = 10m + i;
                events.Add(Purchase(Id(), user, amount, t0.AddSeconds(4), $"sku-{i}"));
                revenue[user] = amount;
                if (i % 5 == 0)
                {
                    events.Add(new { eventId = Id(), userId = user, type = "REVIEW", occurredAt = t0.AddSeconds(5).ToString("O"), itemId = $"sku-{i}", rating = 4 + (i % 2) });
                }
            }
        }

        foreach (var (user, i) in control.Select((s, i) => (s, i)))
        {
            events.Add(CampaignEvent(Id(), user, "CAMPAIGN_EXPOSURE", id, t0));
            if (i % 3 == 0)
            {
                var amount = 12m + i;
                events.Add(Purchase(Id(), user, amount, t0.AddSeconds(4), "sku-c"));
                revenue[user] = amount;
            }
        }

        events.Add(CampaignEvent(Id(), control[0], "COUPON_CLAIM", id, t0.AddSeconds(6))); // a leak of the holdout
        events.Add(CampaignEvent(Id(), treated[0], "CAMPAIGN_EXPOSURE", "no-such-campaign", t0)); // stored, counted nowhere
        events.Add(Purchase(Id(), treated[1], 99m, t0.AddMinutes(-30), "sku-early")); // before assignment: not the campaign's

        var ingested = await platform.Http.PostAsync(merchant, "mutation($events: [EventInput!]!) { ingestEvents(events: $events) { accepted results { notices { rule } } } }", new { events });
        ingested.AssertSuccess();
        Assert.Equal(events.Count, ingested.Data.GetProperty("ingestEvents").GetProperty("accepted").GetInt32());
        var noticed = ingested.Data.GetProperty("ingestEvents").GetProperty("results").EnumerateArray().Where(r => r.GetProperty("notices").GetArrayLength() > 0).ToList();
        Assert.Equal("unknown_campaign", Assert.Single(noticed).GetProperty("notices")[0].GetProperty("rule").GetString()); // only the exposure to no-such-campaign

        var expectedReach = treated.Count;
        var kpis = await Eventually.ReadUntilAsync(async () => (await platform.Http.FieldAsync(merchant, Kpis, new { id }, "campaign")).GetProperty("kpis"), k => k.GetProperty("reach").GetInt64() == expectedReach && k.GetProperty("control").GetProperty("users").GetInt64() == control.Count
            && k.GetProperty("holdoutLeaks").GetInt64() == 1 && k.GetProperty("orders").GetInt64() == treated.Count(s => revenue[s] > 0));

        var indices = treated.Select((s, i) => i).ToList();
        var participants = indices.Count(i => i % 2 == 0 || i % 3 == 0);
        var participations = indices.Sum(i => (i % 2 == 0 ? 1 : 0) + (i % 3 == 0 ? 1 : 0));
        var engagement = indices.Sum(i => (i % 2 == 0 ? 30.0 : 0) + (i % 3 == 0 ? 15.0 : 0));
        var redemptions = indices.Count(i => i % 3 == 0);
        var buyers = treated.Where(s => revenue[s] > 0).ToList();
        var gmv = buyers.Sum(s => revenue[s]);
        var ratings = indices.Where(i => i % 4 != 3 && i % 5 == 0).Select(i => 4.0 + (i % 2)).ToList();

        Assert.Equal(treated.Count, kpis.GetProperty("exposures").GetInt64());
        Assert.Equal(participants, kpis.GetProperty("participants").GetInt64());
        Assert.Equal((double)participants / treated.Count, kpis.GetProperty("participationRate").GetDouble(), 12);
        Assert.Equal((double)participations / participants, kpis.GetProperty("participationsPerParticipant").GetDouble(), 12);
        Assert.Equal(engagement / participants, kpis.GetProperty("engagementSecondsPerParticipant").GetDouble(), 12);
        Assert.Equal(redemptions, kpis.GetProperty("redemptions").GetInt64());
        Assert.Equal(4m * redemptions, kpis.GetProperty("discountCost").GetDecimal());
        Assert.Equal(1000m - (4m * redemptions), kpis.GetProperty("budgetLeft").GetDecimal());
        Assert.Equal((buyers.Count, buyers.Count), (kpis.GetProperty("conversions").GetInt64(), kpis.GetProperty("orders").GetInt64()));
        Assert.Equal(gmv, kpis.GetProperty("gmv").GetDecimal());
        Assert.Equal((double)(gmv / buyers.Count), (double)kpis.GetProperty("averageOrderValue").GetDecimal(), 9);
        Assert.Equal(ratings.Average(), kpis.GetProperty("satisfaction").GetDouble(), 12);

        var t = treated.Select(s => (double)revenue[s]).ToList();
        var c = control.Select(s => (double)revenue[s]).ToList();
        double Rate(List<double> values) => values.Count(v => v > 0) / (double)values.Count;
        Assert.Equal(Rate(t), kpis.GetProperty("treatment").GetProperty("conversionRate").GetDouble(), 12);
        Assert.Equal(Rate(c), kpis.GetProperty("control").GetProperty("conversionRate").GetDouble(), 12);
        AssertInterval(Rate(t) - Rate(c), Z * Math.Sqrt((Rate(t) * (1 - Rate(t)) / t.Count) + (Rate(c) * (1 - Rate(c)) / c.Count)), kpis.GetProperty("conversionRateLift"));
        var revenueLift = t.Average() - c.Average();
        var revenueError = Math.Sqrt((Variance(t) / t.Count) + (Variance(c) / c.Count));
        AssertInterval(revenueLift, Z * revenueError, kpis.GetProperty("revenuePerUserLift"));
        AssertInterval(revenueLift * t.Count, Z * revenueError * t.Count, kpis.GetProperty("incrementalRevenue"));
        Assert.Equal(((revenueLift * t.Count) - (4.0 * redemptions)) / (4.0 * redemptions), kpis.GetProperty("roi").GetDouble(), 9);

        // The campaign publishes what the rows say to its hourly history too.
        var history = await Eventually.ReadUntilAsync(
            async () => (await platform.Http.FieldAsync(merchant, "query($id: ID!) { campaign(id: $id) { kpiHistory { at kpis { reach orders } } } }", new { id }, "campaign")).GetProperty("kpiHistory"),
            h => h.GetArrayLength() > 0 && h[h.GetArrayLength() - 1].GetProperty("kpis").GetProperty("orders").GetInt64() == buyers.Count);
        var last = history[history.GetArrayLength() - 1];
        Assert.Equal((treated.Count, buyers.Count), (last.GetProperty("kpis").GetProperty("reach").GetInt32(), last.GetProperty("kpis").GetProperty("orders").GetInt32()));
        Assert.Equal(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero), last.GetProperty("at").GetDateTimeOffset().ToUniversalTime(), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task LiftsAreAdjustedByWhatUsersDidBeforeTheirAssignment()
    {
        var (_, merchant) = await platform.CreateTenantAsync("pre-period");
        var now = DateTimeOffset.UtcNow;
        var design = CampaignApiTests.Design(now.AddHours(-2), now.AddDays(7), new { holdoutShare = 0.5 });
        var id = (await platform.Http.FieldAsync(merchant, CampaignApiTests.Create, new { d = design }, "createCampaign")).GetProperty("id").GetString()!;
        await platform.Http.FieldAsync(merchant, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id }, "launchCampaign");

        // Heavy buyers before keep buying during: past purchases explain most of the window's revenue.
        var t0 = DateTimeOffset.UtcNow; // after the launch
        var random = new Random(5);
        var events = new List<object>();
        var rows = new List<(string User, double[] Pre, double Revenue)>();
        for (var i = 0; i < 120; i++)
        {
            var user = $"pre-{i}";
            var past = random.Next(0, 4);
            var pre = new double[2];
            for (var p = 0; p < past; p++)
            {
                var amount = 20m + random.Next(0, 20);
                events.Add(Purchase($"{id}-pre-{i}-{p}", user, amount, t0.AddDays(-3 - p), "sku-pre"));
                (pre[0], pre[1]) = (pre[0] + 1, pre[1] + (double)amount);
            }

            events.Add(CampaignEvent($"{id}-x-{i}", user, "CAMPAIGN_EXPOSURE", id, t0));
            var spent = past == 0 ? 0m : (15m * past) + random.Next(0, 10);
            if (spent > 0)
            {
                events.Add(Purchase($"{id}-buy-{i}", user, spent, t0.AddSeconds(5), "sku-in"));
            }

            rows.Add((user, pre, (double)spent));
        }

        (await platform.Http.PostAsync(merchant, "mutation($events: [EventInput!]!) { ingestEvents(events: $events) { accepted } }", new { events })).AssertSuccess();
        var arms = (await platform.Http.FieldAsync(merchant, "query($c: ID!, $u: [ID!]!) { campaignAssignments(campaignId: $c, userIds: $u) { userId arm } }", new { c = id, u = rows.Select(r => r.User).ToList() }, "campaignAssignments"))
            .EnumerateArray().ToDictionary(a => a.GetProperty("userId").GetString()!, a => a.GetProperty("arm").GetString() == "TREATMENT");
        var buyers = rows.Count(r => r.Revenue > 0);
        var kpis = await Eventually.ReadUntilAsync(
            async () => (await platform.Http.FieldAsync(merchant, """
                query($id: ID!) { campaign(id: $id) { kpis { treatment { users } control { users } measurement {
                  metric adjusted { value } unadjusted { value } varianceReduction covariates alwaysValid { low high } significance minimumDetectableEffect note } } } }
                """, new { id }, "campaign")).GetProperty("kpis"),
            k => k.GetProperty("treatment").GetProperty("users").GetInt64() + k.GetProperty("control").GetProperty("users").GetInt64() == rows.Count
                && k.GetProperty("measurement")[2].GetProperty("unadjusted").GetProperty("value").GetDouble() != 0);

        var revenue = kpis.GetProperty("measurement").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "REVENUE_PER_USER");
        var expected = Testing.LeastSquares.InteractedTreatmentEffect(rows.Select(r => (arms[r.User], r.Pre, r.Revenue)).ToList());
        Assert.Equal(expected, revenue.GetProperty("adjusted").GetProperty("value").GetDouble(), 9);
        Assert.Equal(["pre_purchases", "pre_revenue"], revenue.GetProperty("covariates").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("pre_views", revenue.GetProperty("note").GetString()); // nobody viewed anything: constant, left out
        Assert.InRange(revenue.GetProperty("varianceReduction").GetDouble(), 0.5, 1);
        Assert.True(revenue.GetProperty("minimumDetectableEffect").GetDouble() > 0);
        Assert.True(buyers > 0);

        var answer = (await platform.Http.FieldAsync(merchant, "query($id: ID!) { campaign(id: $id) { timeToAnswer(metric: REVENUE_PER_USER, effect: 1.5) { users effect effectSource usersNeeded usersPerDay expectedDays note } } }", new { id }, "campaign"))
            .GetProperty("timeToAnswer");
        Assert.Equal((rows.Count, 1.5, "GIVEN"), (answer.GetProperty("users").GetInt64(), answer.GetProperty("effect").GetDouble(), answer.GetProperty("effectSource").GetString()));
        Assert.True(answer.GetProperty("usersNeeded").GetInt64() > 0 && answer.GetProperty("usersPerDay").GetDouble() > 0 && answer.GetProperty("expectedDays").GetDouble() >= 0, answer.ToString());
    }

    private static double Variance(List<double> values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }

    private static void AssertInterval(double value, double halfWidth, JsonElement estimate)
    {
        Assert.Equal(value, estimate.GetProperty("value").GetDouble(), 9);
        Assert.Equal(value - halfWidth, estimate.GetProperty("low").GetDouble(), 9);
        Assert.Equal(value + halfWidth, estimate.GetProperty("high").GetDouble(), 9);
    }

    private static object CampaignEvent(string eventId, string user, string type, string campaignId, DateTimeOffset at, decimal? amount = null, double? duration = null) =>
        new { eventId, userId = user, type, occurredAt = at.ToString("O"), campaignId, amount, currency = amount is null ? null : "EUR", durationSeconds = duration };

    private static object Purchase(string eventId, string user, decimal amount, DateTimeOffset at, string item) =>
        new { eventId, userId = user, type = "PURCHASE", occurredAt = at.ToString("O"), amount, currency = "EUR", itemId = item, quantity = 1 };
}
