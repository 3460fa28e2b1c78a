namespace Platform.Abstractions.Jobs;

/// <summary>
/// The diagnostic job. The gateway enqueues it through Hangfire by this interface; a worker resolves the
/// implementation, so the gateway never loads TorchSharp.
/// </summary>
public interface ISystemCheckJob
{
    Task RunAsync(Guid runId, CancellationToken cancellationToken);
}
