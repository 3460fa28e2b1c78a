using System.Net.WebSockets;
using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Chaos;

/// <summary>
/// A partner integration of one tenant following its campaign's KPIs over WebSocket (`campaignKpis`) through a fault run:
/// when its node goes away it subscribes again on the next one, as a partner's client would. Every update is recorded
/// with the campaign it names, so the checker can prove none was another tenant's.
/// </summary>
public sealed class KpiSubscriber
{
    private const string Subscription = "subscription($id: ID!) { campaignKpis(campaignId: $id) { campaignId kpis { exposures } } }";

    private readonly ChaosCluster cluster;
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;
    private long updates, foreign, connections;

    private KpiSubscriber(ChaosCluster cluster, ChaosTenant tenant)
    {
        this.cluster = cluster;
        Tenant = tenant;
        running = Task.Run(RunAsync);
    }

    public ChaosTenant Tenant { get; }

    public long Updates => Interlocked.Read(ref updates);

    /// <summary>Updates that named any campaign but the one subscribed to (another tenant's, or another of this one's).</summary>
    public long Foreign => Interlocked.Read(ref foreign);

    /// <summary>How many times the partner subscribed (once, plus once per lost connection).</summary>
    public long Connections => Interlocked.Read(ref connections);

    public static KpiSubscriber Start(ChaosCluster cluster, ChaosTenant tenant) => new(cluster, tenant);

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await running;
    }

    private async Task RunAsync()
    {
        for (var node = 0; !stop.IsCancellationRequested; node = (node + 1) % cluster.Count)
        {
            try
            {
                using var connecting = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                connecting.CancelAfter(TimeSpan.FromSeconds(5)); // a stalled node accepts nothing
                await using var socket = await WebSocketClient.ConnectAsync(cluster.GraphQLUri(node), cancellationToken: connecting.Token);
                var init = await socket.InitialiseAsync(Tenant.PartnerKey);
                if (init.ValueKind != JsonValueKind.Object || init.GetProperty("type").GetString() != "connection_ack")
                {
                    throw new InvalidOperationException($"the node did not acknowledge the connection: {init}");
                }

                await socket.SubscribeAsync("kpis", Subscription, new { id = Tenant.CampaignId });
                Interlocked.Increment(ref connections);
                while (!stop.IsCancellationRequested)
                {
                    var message = await socket.ReceiveAsync(TimeSpan.FromSeconds(5)); // updates come about every second under the load
                    if (message.ValueKind == JsonValueKind.Undefined || message.GetProperty("type").GetString() != "next")
                    {
                        break; // closed, or the subscription ended with an error: subscribe again
                    }

                    Interlocked.Increment(ref updates);
                    if (message.GetProperty("payload").GetProperty("data").GetProperty("campaignKpis").GetProperty("campaignId").GetString() != Tenant.CampaignId)
                    {
                        Interlocked.Increment(ref foreign);
                    }
                }
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or HttpRequestException or JsonException or InvalidOperationException or KeyNotFoundException)
            {
                // The node is down, stalled or restarting: the next one.
            }

            await Task.Delay(500);
        }
    }
}
