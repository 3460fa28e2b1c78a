using System.Text.Json;
using System.Text.Json.Serialization;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Logging;
using Platform.Abstractions.Jobs;
using Platform.Domain.Campaigns;
using Platform.Domain.Jobs;
using Platform.Domain.Webhooks;
using Platform.Storage.Campaigns;
using Platform.Storage.Webhooks;

namespace Platform.Grains.Campaigns;

/// <summary>
/// Turns a campaign update into one logged delivery per interested webhook and queues each on a worker.
/// A failure here is logged, never thrown: webhooks must not stop a campaign. A delivery logged but not queued is tried
/// again off the grain (<see cref="RetryWaits"/>, at most 16 campaigns at once), then left to the workers' sweeper.
/// </summary>
public sealed class WebhookDispatcher(WebhookStore store, IBackgroundJobClient jobs, ILogger<WebhookDispatcher> logger)
{
    // Stored campaign JSON leaves nulls out; a delivered body names every field, null or not (docs/webhooks.md).
    private static readonly JsonSerializerOptions BodyJson = new(CampaignStore.Json) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    // Campaigns retrying at once during an outage; past this many, a campaign's unqueued deliveries go to the sweeper.
    private readonly SemaphoreSlim retryLoops = new(16);

    /// <summary>The JSON body every webhook of this event receives (docs/webhooks.md).</summary>
    public static string Payload(string tenantId, WebhookEvent webhookEvent, CampaignKpiUpdate update) =>
        JsonSerializer.Serialize(new { @event = webhookEvent, tenantId, update.CampaignId, update.Status, update.At, update.Kpis, update.Alert }, BodyJson);

    public async Task DispatchAsync(string tenantId, WebhookEvent webhookEvent, CampaignKpiUpdate update)
    {
        IReadOnlyList<Guid> logged;
        try
        {
            logged = await store.QueueAsync(tenantId, webhookEvent, update.CampaignId, Payload(tenantId, webhookEvent, update));
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not queue {Event} webhooks of campaign {CampaignId} ({TenantId})", webhookEvent, update.CampaignId, tenantId);
            return;
        }

        // After the first failure the database is likely down: the rest wait with it, off the grain's turn.
        var unqueued = logged.SkipWhile(TryQueue).ToList();
        if (unqueued.Count == 0)
        {
            return;
        }

        if (!retryLoops.Wait(0))
        {
            LeftToSweeper(unqueued.Count, webhookEvent, update, tenantId);
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                var left = await QueueWithRetriesAsync(unqueued, TryQueue, RetryWaits);
                if (left.Count > 0)
                {
                    LeftToSweeper(left.Count, webhookEvent, update, tenantId);
                }
            }
            finally
            {
                retryLoops.Release();
            }
        });
    }

    private void LeftToSweeper(int count, WebhookEvent webhookEvent, CampaignKpiUpdate update, string tenantId) =>
        logger.LogWarning("{Count} {Event} webhook deliveries of campaign {CampaignId} ({TenantId}) are logged but not queued; the workers' sweeper will queue them",
            count, webhookEvent, update.CampaignId, tenantId);

    /// <summary>
    /// The waits before each new try at queuing a logged delivery whose job could not be created (after a database restart
    /// the first use of each pooled connection fails); past them the workers' sweeper queues it once it is
    /// <c>WebhookJob.SweepGrace</c> late.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> RetryWaits = [.. new[] { 0.2, 1, 2, 4, 8, 16 }.Select(TimeSpan.FromSeconds)];

    /// <summary>
    /// After each wait, tries the deliveries in turn until one fails (the database is still away); returns those still not
    /// queued after the last wait.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> QueueWithRetriesAsync(IReadOnlyList<Guid> deliveries, Func<Guid, bool> tryQueue, IReadOnlyList<TimeSpan> waits)
    {
        var left = deliveries;
        foreach (var wait in waits)
        {
            if (left.Count == 0)
            {
                break;
            }

            await Task.Delay(wait);
            left = [.. left.SkipWhile(tryQueue)];
        }

        return left;
    }

    private bool TryQueue(Guid deliveryId)
    {
        try
        {
            jobs.Create(Job.FromExpression<IWebhookJob>(j => j.DeliverAsync(deliveryId, CancellationToken.None)), new EnqueuedState(JobQueues.Default));
            return true;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not queue webhook delivery {DeliveryId}", deliveryId);
            return false;
        }
    }
}
