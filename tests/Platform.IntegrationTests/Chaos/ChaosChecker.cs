using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Chaos;

/// <summary>
/// After a fault run, with the cluster serving again, for each tenant: every acknowledged event is in the log, nothing is
/// in the log that was not sent; every user's profile (read through the API) counts exactly the purchases, exposures
/// and redemptions the log holds, so no event was applied twice; the campaign's KPIs count exactly the log's exposures
/// and redemptions; the budgeted campaign counted or refused each of the log's redemptions once, reached its budget and
/// counted at most its budget plus one discount; no partner's KPI subscription carried another campaign; every webhook
/// delivery queued reached its own tenant's endpoint, signed with its secret, none with another tenant's data. (The
/// log's unique index on event ids already keeps an event from being stored twice; the duplicated count reads it back.)
/// Figures that settle asynchronously are read until they agree, within bounds.
/// </summary>
public static class ChaosChecker
{
    private const string Counters = "query($id: ID!) { user(id: $id) { counters { type total } } }";
    private const string Kpis = "query($id: ID!) { campaign(id: $id) { kpis { exposures redemptions redemptionsOverBudget discountCost } } }";
    private static readonly string[] CountedTypes = ["PURCHASE", "CAMPAIGN_EXPOSURE", "COUPON_REDEEM"];

    public static async Task<ChaosReport> CheckAsync(
        ChaosCluster cluster, IReadOnlyList<IngestLoad> loads, IReadOnlyList<KpiSubscriber> subscribers, string fault, int seed, TimeSpan? recovery, TimeSpan duration)
    {
        var report = new ChaosReport(fault, seed, recovery, duration);
        using var http = new GraphQLHttp(cluster.GraphQLUri(0), TimeSpan.FromSeconds(10));
        var giveUp = DateTime.UtcNow.AddMinutes(3); // past it, each remaining figure is read once
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var load in loads)
        {
            var stored = await CheckEventsAsync(cluster, load, report);
            await CheckProfilesAsync(http, load.Tenant, stored, report, giveUp);
            report.CheckTimes.Add($"{load.Tenant.Id}'s profiles {clock.Elapsed.TotalSeconds:F0} s");
            await CheckKpisAsync(http, load.Tenant, stored, report, giveUp);
            await CheckBudgetAsync(cluster, http, load.Tenant, stored, report, giveUp);
            report.CheckTimes.Add($"its KPIs {clock.Elapsed.TotalSeconds:F0} s");
        }

        foreach (var subscriber in subscribers)
        {
            report.KpiUpdates += subscriber.Updates;
            report.ForeignKpiUpdates += subscriber.Foreign;
            if (subscriber.Updates == 0)
            {
                report.Problems.Add($"the partner of {subscriber.Tenant.Id} received no KPI update in {subscriber.Connections} subscriptions");
            }
        }

        await CheckWebhooksAsync(cluster, [.. loads.Select(l => l.Tenant)], report);
        report.CheckTimes.Add($"webhooks {clock.Elapsed.TotalSeconds:F0} s");
        return report;
    }

    /// <summary>The log against what was sent and acknowledged; returns what the log holds of what was sent.</summary>
    private static async Task<List<SentEvent>> CheckEventsAsync(ChaosCluster cluster, IngestLoad load, ChaosReport report)
    {
        var logged = await LoggedAsync(cluster, load.Tenant.Id);
        var acknowledged = load.Acknowledged.ToHashSet();
        report.Sent += load.Sent.Count;
        report.Acknowledged += acknowledged.Count;
        report.Stored += logged.Count;
        report.Lost += acknowledged.Count(id => !logged.ContainsKey(id));
        report.Duplicated += logged.Values.Count(copies => copies > 1);
        report.Unknown += logged.Keys.Count(id => !load.Sent.ContainsKey(id));
        report.FailedAttempts += load.FailedAttempts;
        return [.. logged.Keys.Select(id => load.Sent.GetValueOrDefault(id)).OfType<SentEvent>()];
    }

    private static async Task CheckProfilesAsync(GraphQLHttp http, ChaosTenant tenant, List<SentEvent> stored, ChaosReport report, DateTime giveUp)
    {
        foreach (var user in stored.GroupBy(e => e.User))
        {
            var expected = string.Join(", ", CountedTypes.Select(type => $"{type} {user.Count(e => e.Type == type)}"));
            var actual = await EventuallyAsync(async () =>
            {
                var profile = (await http.PostAsync(tenant.AdminKey, Counters, new { id = user.Key })).Data.GetProperty("user");
                var totals = profile.GetProperty("counters").EnumerateArray().ToDictionary(c => c.GetProperty("type").GetString()!, c => c.GetProperty("total").GetInt64());
                return string.Join(", ", CountedTypes.Select(type => $"{type} {totals.GetValueOrDefault(type)}"));
            }, expected, giveUp);
            report.Users++;
            if (actual != expected)
            {
                report.ProfilesWrong++;
                report.Problems.Add($"{tenant.Id}/{user.Key}: the profile counts {actual}, the log {expected}");
            }
        }
    }

    private static async Task CheckKpisAsync(GraphQLHttp http, ChaosTenant tenant, List<SentEvent> stored, ChaosReport report, DateTime giveUp)
    {
        var exposures = stored.Count(e => e.Type == "CAMPAIGN_EXPOSURE" && e.CampaignId == tenant.CampaignId);
        var redemptions = stored.Count(e => e.Type == "COUPON_REDEEM" && e.CampaignId == tenant.CampaignId);
        var expected = $"exposures {exposures}, redemptions {redemptions}, over budget 0, discount cost {redemptions * ChaosTenant.Discount:0.##}";
        var actual = await EventuallyAsync(async () =>
        {
            var kpis = (await http.PostAsync(tenant.AdminKey, Kpis, new { id = tenant.CampaignId })).Data.GetProperty("campaign").GetProperty("kpis");
            return $"exposures {kpis.GetProperty("exposures").GetInt64()}, redemptions {kpis.GetProperty("redemptions").GetInt64()}, " +
                $"over budget {kpis.GetProperty("redemptionsOverBudget").GetInt64()}, discount cost {kpis.GetProperty("discountCost").GetDecimal():0.##}";
        }, expected, giveUp);
        report.Campaigns++;
        if (actual != expected)
        {
            report.KpisWrong++;
            report.Problems.Add($"{tenant.Id}'s campaign: the KPIs count {actual}, the log {expected}");
        }
    }

    /// <summary>
    /// The budgeted campaign: every redemption of the log counted or refused once, some refused exactly when the log holds
    /// more redemptions than the budget pays for (a run slowed by its fault may not get there), and what it counted — in its KPIs and in its stored decisions, the larger goes in the report — within the bound.
    /// </summary>
    private static async Task CheckBudgetAsync(ChaosCluster cluster, GraphQLHttp http, ChaosTenant tenant, List<SentEvent> stored, ChaosReport report, DateTime giveUp)
    {
        var redemptions = stored.Count(e => e.Type == "COUPON_REDEEM" && e.CampaignId == tenant.BudgetCampaignId);
        var expected = $"counted or refused {redemptions}, budget reached {redemptions * ChaosTenant.Discount > ChaosTenant.Budget}";
        decimal cost = 0;
        var actual = await EventuallyAsync(async () =>
        {
            var kpis = (await http.PostAsync(tenant.AdminKey, Kpis, new { id = tenant.BudgetCampaignId })).Data.GetProperty("campaign").GetProperty("kpis");
            var refused = kpis.GetProperty("redemptionsOverBudget").GetInt64();
            cost = kpis.GetProperty("discountCost").GetDecimal();
            return $"counted or refused {kpis.GetProperty("redemptions").GetInt64() + refused}, budget reached {refused > 0}";
        }, expected, giveUp);

        await using var connection = await cluster.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(sum(amount) FILTER (WHERE counted), 0) FROM campaigns.charges WHERE tenant_id = @tenant AND campaign_id = @campaign", connection);
        command.Parameters.AddWithValue("tenant", tenant.Id);
        command.Parameters.AddWithValue("campaign", tenant.BudgetCampaignId);
        var charged = (decimal)(await command.ExecuteScalarAsync())!;
        report.BudgetCampaigns++;
        report.BudgetSpent = Math.Max(report.BudgetSpent, Math.Max(charged, cost));
        if (actual != expected)
        {
            report.BudgetsWrong++;
            report.Problems.Add($"{tenant.Id}'s budgeted campaign: the KPIs say {actual}, the log {expected}");
        }

        if (Math.Max(charged, cost) > ChaosReport.BudgetBound)
        {
            report.Problems.Add($"{tenant.Id}'s budgeted campaign counted {cost} in its KPIs and {charged} in its decisions, over {ChaosReport.BudgetBound}");
        }
    }

    /// <summary>
    /// Every delivery queued for the tenants' webhooks reached the endpoint (read until all have, up to 4 minutes: the
    /// sweeper queues a lost one again after 2), each webhook had some, and each body came to its own tenant's path,
    /// signed with its secret, naming its tenant and none of the other's campaigns.
    /// </summary>
    private static async Task CheckWebhooksAsync(ChaosCluster cluster, IReadOnlyList<ChaosTenant> tenants, ChaosReport report)
    {
        var owners = tenants.ToDictionary(t => t.Id);
        var campaigns = tenants.SelectMany(t => new[] { (Campaign: t.CampaignId, Tenant: t.Id), (Campaign: t.BudgetCampaignId, Tenant: t.Id) }).ToDictionary(c => c.Campaign, c => c.Tenant);
        var deadline = DateTime.UtcNow.AddMinutes(4);
        Dictionary<string, string> queued; // delivery id → tenant
        HashSet<string> received;
        do
        {
            await Task.Delay(1000);
            queued = await DeliveriesAsync(cluster, tenants);
            received = [.. cluster.Receiver.Requests.Select(r => r.Headers.GetValueOrDefault("X-Platform-Delivery") ?? "")];
        }
        while (!queued.Keys.All(received.Contains) && DateTime.UtcNow < deadline);

        report.Deliveries = queued.Count;
        report.DeliveriesReceived = queued.Keys.Count(received.Contains);
        foreach (var request in cluster.Receiver.Requests)
        {
            if (queued.GetValueOrDefault(request.Headers.GetValueOrDefault("X-Platform-Delivery") ?? "") is not { } owner)
            {
                continue;
            }

            using var body = JsonDocument.Parse(request.Body);
            var tenant = body.RootElement.TryGetProperty("tenantId", out var t) ? t.GetString() : null;
            var campaign = body.RootElement.TryGetProperty("campaignId", out var c) ? c.GetString() ?? "" : "";
            if (request.Path != owners[owner].WebhookPath || !SignedWith(request, owners[owner].WebhookSecret) || tenant != owner
                || campaigns.TryGetValue(campaign, out var ownerOfCampaign) && ownerOfCampaign != owner)
            {
                report.ForeignDeliveries++;
                report.Problems.Add($"a delivery of {owner}'s webhook came to {request.Path} with tenant {tenant}, campaign {campaign}");
            }
        }

        foreach (var tenant in tenants.Where(t => !queued.ContainsValue(t.Id)))
        {
            report.Problems.Add($"no delivery was queued for {tenant.Id}'s webhook");
        }
    }

    /// <summary>Whether the body's signature is the webhook's (docs/webhooks.md: HMAC-SHA256 of "t.body").</summary>
    private static bool SignedWith(WebhookReceiver.Received request, string secret)
    {
        var parts = (request.Headers.GetValueOrDefault("X-Platform-Signature") ?? "").Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{parts.GetValueOrDefault("t")}.{request.Body}")));
        return parts.GetValueOrDefault("v1") == expected;
    }

    private static async Task<Dictionary<string, string>> DeliveriesAsync(ChaosCluster cluster, IReadOnlyList<ChaosTenant> tenants)
    {
        await using var connection = await cluster.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT d.id::text, w.tenant_id FROM campaigns.webhook_deliveries d JOIN campaigns.webhooks w ON w.id = d.webhook_id WHERE w.id = ANY(@webhooks)", connection);
        command.Parameters.AddWithValue("webhooks", tenants.Select(t => Guid.Parse(t.WebhookId)).ToArray());
        var deliveries = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            deliveries[reader.GetString(0)] = reader.GetString(1);
        }

        return deliveries;
    }

    /// <summary>Event id → how many times it is in the tenant's log.</summary>
    private static async Task<Dictionary<string, long>> LoggedAsync(ChaosCluster cluster, string tenant)
    {
        await using var connection = await cluster.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT event_id, count(*) FROM events.log WHERE tenant_id = @tenant GROUP BY event_id", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        var logged = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            logged[reader.GetString(0)] = reader.GetInt64(1);
        }

        return logged;
    }

    /// <summary>What <paramref name="read"/> gives once it equals <paramref name="expected"/>, or its last answer after 60 s (or at <paramref name="giveUp"/>).</summary>
    private static async Task<string> EventuallyAsync(Func<Task<string>> read, string expected, DateTime giveUp)
    {
        var until = DateTime.UtcNow.AddSeconds(60) < giveUp ? DateTime.UtcNow.AddSeconds(60) : giveUp;
        var seen = "(no answer)";
        do
        {
            try
            {
                seen = await read();
                if (seen == expected)
                {
                    return seen;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException or KeyNotFoundException or JsonException)
            {
                // The node is still coming back.
            }

            await Task.Delay(500);
        }
        while (DateTime.UtcNow < until);

        return seen;
    }
}
