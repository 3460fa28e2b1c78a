using System.Diagnostics;
using Platform.Abstractions;
using Platform.Abstractions.Jobs;
using Platform.Abstractions.Progress;
using Platform.Domain.Jobs;
using Platform.ML;
using Platform.Storage.Database;
using Platform.Storage.SystemChecks;
using Platform.Worker.Hosting;

namespace Platform.Worker.Jobs;

/// <summary>
/// Runs the TorchSharp probe and a database round trip, records the outcome, and tells subscribers.
/// Failures are recorded on the run rather than retried: a diagnostic should report, not loop.
/// </summary>
public sealed class SystemCheckJob(
    SystemCheckStore store,
    ServerInfo server,
    SystemCheckProbe probe,
    IClusterClient cluster,
    ILogger<SystemCheckJob> logger) : ISystemCheckJob
{
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await store.ClaimAsync(runId, WorkerHostingExtensions.WorkerName, cancellationToken);
        if (run is null)
        {
            logger.LogWarning("System check {RunId} no longer exists or has finished", runId);
            return;
        }

        var tenantId = run.TenantId;
        await PublishAsync(run);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var torch = await Task.Run(() => probe.Run(), cancellationToken);
            var postgresVersion = await server.VersionAsync(cancellationToken);
            var outcome = new SystemCheckOutcome(
                torch.TorchVersion, torch.Device, torch.Threads, postgresVersion, torch.LossBefore, torch.LossAfter,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            run = await store.MarkSucceededAsync(tenantId, runId, outcome, CancellationToken.None);
            logger.LogInformation(
                "System check {RunId}: torch {TorchVersion} on {Device} with {Threads} threads, loss {LossBefore:F3} -> {LossAfter:F5}",
                runId, outcome.TorchVersion, outcome.Device, outcome.Threads, outcome.LossBefore, outcome.LossAfter);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // the worker is stopping: Hangfire requeues the job and another worker claims the run again
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "System check {RunId} failed", runId);
            run = await store.MarkFailedAsync(tenantId, runId, RunFailures.ServerError, CancellationToken.None);
        }

        if (run is not null)
        {
            await PublishAsync(run);
        }
    }

    private async Task PublishAsync(SystemCheckRecord run)
    {
        try
        {
            var update = new ProgressUpdate(RunKinds.SystemCheck, run.Id, RunStatusNames.ToWire(run.Status), run.Status.IsFinished(), DateTimeOffset.UtcNow);
            await cluster.GetGrain<IProgressGrain>(GrainKeys.Progress(run.TenantId, RunKinds.SystemCheck, run.Id)).PublishAsync(update);
        }
        catch (Exception exception)
        {
            // Subscribers also poll the store; a lost signal only delays their update.
            logger.LogWarning(exception, "Could not publish progress of system check {RunId}", run.Id);
        }
    }
}
