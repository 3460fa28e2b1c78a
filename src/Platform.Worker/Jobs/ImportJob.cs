using Platform.Abstractions;
using Platform.Abstractions.Jobs;
using Platform.Abstractions.Progress;
using Platform.Domain.Jobs;
using Platform.Ingestion.Imports;

namespace Platform.Worker.Jobs;

/// <summary>Runs an import and tells subscribers after every batch. An import that fails records why on its job.</summary>
public sealed class ImportJob(ImportRunner runner, IClusterClient cluster, ILogger<ImportJob> logger) : IImportJob
{
    public async Task RunAsync(Guid importId, CancellationToken cancellationToken)
    {
        var job = await runner.RunAsync(importId, (running, _) => PublishAsync(running.TenantId, importId, RunStatus.Running), cancellationToken);
        if (job is not null)
        {
            logger.LogInformation("Import {ImportId} of {TenantId} {Status}: {Counts}", importId, job.TenantId, job.Status, job.Counts);
            await PublishAsync(job.TenantId, importId, job.Status);
        }
    }

    private async Task PublishAsync(string tenantId, Guid importId, RunStatus status)
    {
        try
        {
            await cluster.GetGrain<IProgressGrain>(GrainKeys.Progress(tenantId, RunKinds.Import, importId))
                .PublishAsync(new ProgressUpdate(RunKinds.Import, importId, RunStatusNames.ToWire(status), status.IsFinished(), DateTimeOffset.UtcNow));
        }
        catch (Exception exception)
        {
            // Subscribers also poll the job row; a lost signal only delays their update.
            logger.LogWarning(exception, "Could not publish progress of import {ImportId}", importId);
        }
    }
}
