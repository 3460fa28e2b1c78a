using Platform.Domain.Webhooks;
using Hangfire;
using Microsoft.Extensions.Options;
using Platform.Abstractions.Jobs;
using Platform.Storage.Webhooks;
using Platform.Worker.Webhooks;

namespace Platform.Worker.Jobs;

/// <summary>
/// One attempt at a delivery. The outcome is logged on the delivery; a failure is tried again later
/// (<see cref="Domain.Webhooks.WebhookRetries"/>) by a scheduled job, and enough failures in a row disable the webhook.
/// </summary>
public sealed class WebhookJob(WebhookStore store, WebhookSender sender, IBackgroundJobClient jobs, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookJob> logger)
    : IWebhookJob
{
    public const string SweeperId = "webhook-sweeper";

    /// <summary>How late a pending attempt may be before the sweeper queues it again (a queued job normally runs within seconds).</summary>
    public static readonly TimeSpan SweepGrace = TimeSpan.FromMinutes(2);

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var overdue = await store.OverdueAsync(SweepGrace, limit: 1_000, cancellationToken);
        foreach (var id in overdue)
        {
            jobs.Enqueue<IWebhookJob>(j => j.DeliverAsync(id, CancellationToken.None));
        }

        if (overdue.Count > 0)
        {
            logger.LogWarning("Queued {Count} overdue webhook deliveries again", overdue.Count);
        }
    }

    public async Task DeliverAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        if (await store.PendingAsync(deliveryId, cancellationToken) is not var (delivery, target))
        {
            return; // already delivered or given up
        }

        if (!target.Active)
        {
            await store.AbandonAsync(deliveryId, "the webhook is disabled", cancellationToken);
            return;
        }

        var result = await sender.SendAsync(target, delivery, cancellationToken);
        var retries = options.Value.Retries;
        var wait = result.Succeeded ? null : retries.After(delivery.Attempts + 1);
        var disabled = await store.RecordAttemptAsync(
            deliveryId, result.Succeeded, result.StatusCode, result.Error, wait is { } w ? clock.GetUtcNow() + w : null, retries.DisableAfterFailures, cancellationToken);
        if (result.Succeeded)
        {
            return;
        }

        logger.LogWarning("Webhook delivery {DeliveryId} to {Url} failed (attempt {Attempt}): {Error}", deliveryId, WebhookTargets.ForLog(target.Url), delivery.Attempts + 1, result.Error);
        if (disabled)
        {
            logger.LogWarning("Webhook {WebhookId} of {TenantId} disabled after repeated failures", target.WebhookId, target.TenantId);
        }
        else if (wait is { } delay)
        {
            jobs.Schedule<IWebhookJob>(j => j.DeliverAsync(deliveryId, CancellationToken.None), delay);
        }
    }
}
