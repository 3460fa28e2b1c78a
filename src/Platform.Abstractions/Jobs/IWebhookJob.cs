namespace Platform.Abstractions.Jobs;

/// <summary>Sends one webhook delivery on a worker; queued with the delivery id only.</summary>
public interface IWebhookJob
{
    Task DeliverAsync(Guid deliveryId, CancellationToken cancellationToken);

    /// <summary>Queues again the deliveries whose attempt is overdue (a recurring job on the workers).</summary>
    Task SweepAsync(CancellationToken cancellationToken);
}
