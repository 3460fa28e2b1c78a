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
/// A failure here is logged, never thrown: webhooks must not stop a campaign.
/// </summary>
public sealed class WebhookDispatcher(WebhookStore store, IBackgroundJobClient jobs, ILogger<WebhookDispatcher> logger)
{
    // Stored campaign JSON leaves nulls out; a delivered body names every field, null or not (docs/webhooks.md).
    private static readonly JsonSerializerOptions BodyJson = new(CampaignStore.Json) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>The JSON body every webhook of this event receives (docs/webhooks.md).</summary>
    public static string Payload(string tenantId, WebhookEvent webhookEvent, CampaignKpiUpdate update) =>
        JsonSerializer.Serialize(new { @event = webhookEvent, tenantId, update.CampaignId, update.Status, update.At, update.Kpis, update.Alert }, BodyJson);

    public async Task DispatchAsync(string tenantId, WebhookEvent webhookEvent, CampaignKpiUpdate update)
    {
        try
        {
            foreach (var id in await store.QueueAsync(tenantId, webhookEvent, update.CampaignId, Payload(tenantId, webhookEvent, update)))
            {
                jobs.Create(Job.FromExpression<IWebhookJob>(j => j.DeliverAsync(id, CancellationToken.None)), new EnqueuedState(JobQueues.Default));
            }
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not queue {Event} webhooks of campaign {CampaignId} ({TenantId})", webhookEvent, update.CampaignId, tenantId);
        }
    }
}
