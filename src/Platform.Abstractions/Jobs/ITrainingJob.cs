namespace Platform.Abstractions.Jobs;

/// <summary>
/// A tenant's model training (docs/models.md#training-runs). The gateway enqueues it through Hangfire by this interface
/// on the gpu queue when a GPU worker listens there, else on cpu; a worker resolves the implementation, so the gateway
/// never loads TorchSharp for training.
/// </summary>
public interface ITrainingJob
{
    Task RunAsync(Guid runId, CancellationToken cancellationToken);

    /// <summary>Finds runs whose worker died (no heartbeat) and queues them again, or fails them after the last attempt.</summary>
    Task SweepAsync(CancellationToken cancellationToken);
}
