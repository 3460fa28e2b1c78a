using System.Threading.Channels;
using Platform.Domain.Campaigns;

namespace Platform.Gateway.Subscriptions;

/// <summary>One message of the campaignKpis subscription: cumulative KPIs and what grew since the previous message.</summary>
public sealed record CampaignKpiMessage(CampaignKpiUpdate Update, KpiDeltas Deltas);

/// <summary>
/// One campaignKpis subscription: the KPIs now, then every update the campaign publishes (at most one per
/// KPI interval), each with deltas against the previous message. Only the newest pending update is kept,
/// so a subscriber that reads slowly gets fewer, never older, messages. A slow poll of the store covers
/// updates lost while a node restarts.
/// </summary>
public sealed class CampaignKpiWatcher(
    CampaignKpiHub hub, string tenantId, string campaignId, Func<CancellationToken, Task<CampaignKpiUpdate?>> load, ILogger logger)
    : IObservable<CampaignKpiMessage>
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);

    public IDisposable Subscribe(IObserver<CampaignKpiMessage> observer)
    {
        var stop = new CancellationTokenSource();
        _ = WatchAsync(observer, stop.Token);
        return new Stopper(stop);
    }

    private async Task WatchAsync(IObserver<CampaignKpiMessage> observer, CancellationToken cancellationToken)
    {
        var updates = System.Threading.Channels.Channel.CreateBounded<CampaignKpiUpdate>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        try
        {
            using var listener = await hub.ListenAsync((tenantId, campaignId), update => updates.Writer.TryWrite(update));
            CampaignKpiUpdate? last = null;
            var next = await load(cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (next is not null && (last is null || (next.At > last.At && (next.Kpis != last.Kpis || next.Status != last.Status))))
                {
                    observer.OnNext(new CampaignKpiMessage(next, KpiDeltas.Between(last?.Kpis, next.Kpis)));
                    last = next;
                }

                using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                poll.CancelAfter(PollInterval);
                try
                {
                    next = await updates.Reader.ReadAsync(poll.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    next = await load(cancellationToken); // no update for a while: look at the store anyway
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The subscriber went away.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Watching the KPIs of campaign {CampaignId} failed", campaignId);
            observer.OnError(exception);
        }
    }

    private sealed class Stopper(CancellationTokenSource stop) : IDisposable
    {
        // Not disposed: the watch loop may still be reading the token while it winds down.
        public void Dispose() => stop.Cancel();
    }
}
