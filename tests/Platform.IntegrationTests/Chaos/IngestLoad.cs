using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Chaos;

/// <summary>What the load sent as one event: whose, of which type, for which campaign.</summary>
public sealed record SentEvent(string User, string Type, string? CampaignId = null);

/// <summary>
/// Sustained ingest of one tenant against every node of a <see cref="ChaosCluster"/>: each client sends batches of events
/// of random users — 60% purchases (amount 1), 20% exposures to the tenant's campaign, 10% redemptions of it and 10% of
/// its budgeted campaign (discount 1) — to the nodes in turn; a batch that fails is sent again, with the same event ids,
/// to the next node until it is acknowledged or the load stops (then it may or may not be stored). A request gets
/// <see cref="RequestTimeout"/>: a client whose node stalls moves on to the next one, as a client with a deadline would.
/// Every event sent and every one acknowledged is recorded.
/// </summary>
public sealed class IngestLoad
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly ChaosCluster cluster;
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> clients;
    private long failedAttempts;

    private IngestLoad(ChaosCluster cluster, ChaosTenant tenant, int clientCount, int batchSize, int users, int seed)
    {
        this.cluster = cluster;
        Tenant = tenant;
        clients = Enumerable.Range(0, clientCount).Select(client => Task.Run(() => RunAsync(client, batchSize, users, new Random(seed * 100 + client)))).ToList();
    }

    public ChaosTenant Tenant { get; }

    /// <summary>Every event sent (by the clients, the probes, or an import), by id.</summary>
    public ConcurrentDictionary<string, SentEvent> Sent { get; } = new();

    public ConcurrentBag<string> Acknowledged { get; } = [];

    public long FailedAttempts => Interlocked.Read(ref failedAttempts);

    public static IngestLoad Start(ChaosCluster cluster, ChaosTenant tenant, int seed, int clients = 3, int batchSize = 100, int users = 60) =>
        new(cluster, tenant, clients, batchSize, users, seed);

    /// <summary>Events written another way (an import), once sent.</summary>
    public void RecordSent(IEnumerable<(string Id, SentEvent Event)> events)
    {
        foreach (var (id, sent) in events)
        {
            Sent[id] = sent;
        }
    }

    /// <summary>Events written another way, once acknowledged (the import succeeded).</summary>
    public void Acknowledge(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            Acknowledged.Add(id);
        }
    }

    /// <summary>
    /// Sends one-event batches to the node until one is acknowledged (recorded like the load's); how long it took, or null
    /// after <paramref name="timeout"/>.
    /// </summary>
    public async Task<TimeSpan?> ProbeAsync(int node, TimeSpan timeout)
    {
        using var http = new GraphQLHttp(cluster.GraphQLUri(node), RequestTimeout);
        var started = Stopwatch.StartNew();
        for (var attempt = 0; started.Elapsed < timeout; attempt++)
        {
            var id = $"probe-{node}-{Guid.NewGuid():N}";
            Sent[id] = new SentEvent("probe", "PURCHASE");
            if (await TrySendAsync(http, [Events.Purchase(id, "probe", 1m, DateTimeOffset.UtcNow.AddMinutes(-1))]))
            {
                Acknowledged.Add(id);
                return started.Elapsed;
            }

            await Task.Delay(250);
        }

        return null;
    }

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(clients);
    }

    private async Task RunAsync(int client, int batchSize, int users, Random random)
    {
        var https = Enumerable.Range(0, cluster.Count).Select(n => new GraphQLHttp(cluster.GraphQLUri(n), RequestTimeout)).ToArray();
        var node = client % cluster.Count;
        try
        {
            for (var batch = 0; !stop.IsCancellationRequested; batch++)
            {
                var ids = Enumerable.Range(0, batchSize).Select(i => $"c{client}-b{batch}-{i}").ToArray();
                var events = ids.Select(id => Event(id, $"u{random.Next(users)}", random.NextDouble())).ToArray();
                while (!stop.IsCancellationRequested)
                {
                    node = (node + 1) % cluster.Count;
                    if (await TrySendAsync(https[node], events))
                    {
                        foreach (var id in ids)
                        {
                            Acknowledged.Add(id);
                        }

                        break;
                    }

                    Interlocked.Increment(ref failedAttempts);
                    await Task.Delay(200);
                }
            }
        }
        finally
        {
            foreach (var http in https)
            {
                http.Dispose();
            }
        }
    }

    private object Event(string id, string user, double draw)
    {
        var at = DateTimeOffset.UtcNow; // after the campaigns' launch: a campaign counts the events that happened since
        var sent = draw switch
        {
            < 0.6 => new SentEvent(user, "PURCHASE"),
            < 0.8 => new SentEvent(user, "CAMPAIGN_EXPOSURE", Tenant.CampaignId),
            < 0.9 => new SentEvent(user, "COUPON_REDEEM", Tenant.CampaignId),
            _ => new SentEvent(user, "COUPON_REDEEM", Tenant.BudgetCampaignId),
        };
        Sent[id] = sent;
        return sent.Type switch
        {
            "PURCHASE" => Events.Purchase(id, user, 1m, at),
            "CAMPAIGN_EXPOSURE" => new { eventId = id, userId = user, type = sent.Type, occurredAt = at.ToString("O"), campaignId = sent.CampaignId },
            _ => new { eventId = id, userId = user, type = sent.Type, occurredAt = at.ToString("O"), campaignId = sent.CampaignId, amount = ChaosTenant.Discount, currency = "EUR" },
        };
    }

    private async Task<bool> TrySendAsync(GraphQLHttp http, object[] events)
    {
        try
        {
            var response = await http.PostAsync(Tenant.AdminKey, Events.Ingest, new { events });
            return response.Status == HttpStatusCode.OK && !response.HasErrors
                && response.Data.GetProperty("ingestEvents").GetProperty("rejected").GetInt32() == 0;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return false; // the node is down, stalled or failing: try the next one
        }
    }
}
