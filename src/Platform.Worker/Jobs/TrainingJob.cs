using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Options;
using Platform.Abstractions;
using Platform.Abstractions.Jobs;
using Platform.Abstractions.Progress;
using Platform.Domain;
using Platform.Domain.Jobs;
using Platform.Domain.Models;
using Platform.ML;
using Platform.ML.Training;
using Platform.Storage.Models;
using Platform.Worker.Hosting;
using Platform.Worker.Training;

namespace Platform.Worker.Jobs;

/// <summary>
/// Runs a training run on this worker (docs/models.md#training-runs): claims it, trains on the device this process has
/// (CUDA when available), stores the version, and ends the run. A run that fails for its data (too little of it) fails at
/// once and makes no version; any other failure is tried again up to <see cref="ModelTrainingOptions.MaxAttempts"/> times.
/// The ACTIVE version is only ever changed by a version that was stored whole.
/// </summary>
public sealed class TrainingJob(
    TrainingRunStore runs,
    UpliftVersionTrainer uplift,
    UserScoreVersionTrainer users,
    ItemVersionTrainer items,
    IBackgroundJobClient jobs,
    TrainingQueue queue,
    IClusterClient cluster,
    IOptions<ModelTrainingOptions> options,
    ILogger<TrainingJob> logger) : ITrainingJob
{
    [AutomaticRetry(Attempts = 0)] // retries are the run's own (RequeueAsync), counted on the run
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        if (await runs.ClaimAsync(runId, WorkerHostingExtensions.WorkerName, cancellationToken) is not { } run)
        {
            logger.LogInformation("Training run {RunId} is not waiting to run (finished, cancelled or taken)", runId);
            return;
        }

        await PublishAsync(run.TenantId, run.Id, run.Status);
        await using var heartbeat = new RunHeartbeat(runs, run.Id, run.Attempts, _ => PublishAsync(run.TenantId, run.Id, TrainingRunStatus.Running), cancellationToken);
        try
        {
            var device = TorchRuntime.SelectDevice();
            logger.LogInformation("Training run {RunId}: {Task} of {TenantId} on {Device}, attempt {Attempt}", run.Id, run.Task, run.TenantId, device, run.Attempts);
            var version = run.Task switch
            {
                ModelTask.Uplift => await uplift.TrainAsync(run, device, heartbeat.Report, heartbeat.Token),
                ModelTask.Users => await users.TrainAsync(run, device, heartbeat.Report, heartbeat.Token),
                ModelTask.Items => await items.TrainAsync(run, device, heartbeat.Report, heartbeat.Token),
                _ => throw new ArgumentOutOfRangeException(nameof(run), run.Task, "not a model task"),
            };
            if (await FinishAsync(run, TrainingRunStatus.Succeeded, null, version.Id) && version is { Task: ModelTask.Users, Status: ModelVersionStatus.Active })
            {
                jobs.Create(Job.FromExpression<IUserScoringJob>(j => j.ScoreTenantAsync(run.TenantId, CancellationToken.None)), new EnqueuedState(JobQueues.Default));
            }
        }
        catch (OperationCanceledException) when (heartbeat.TakenOver)
        {
            // This worker fell silent long enough to be counted lost: the sweep queued the run again (a newer attempt ends
            // it) or failed it. Nothing is left for this attempt to do, whether or not Hangfire also aborted its job.
            logger.LogWarning(
                "Training run {RunId} of {TenantId}: attempt {Attempt} stopped, the run being {Status} without it",
                run.Id, run.TenantId, run.Attempts, heartbeat.StatusSeen is { } seen ? WireNames.ToWire(seen) : "a newer attempt's");
        }
        catch (NotEnoughDataException refused)
        {
            logger.LogWarning("Training run {RunId} of {TenantId} cannot train: {Reason}", run.Id, run.TenantId, refused.Message);
            await FinishAsync(run, TrainingRunStatus.Failed, refused.Message, null);
        }
        catch (OperationCanceledException) when (heartbeat.Token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Training run {RunId} of {TenantId} was cancelled", run.Id, run.TenantId);
            await PublishAsync(run.TenantId, run.Id, TrainingRunStatus.Cancelled);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker is stopping: another attempt will run on a worker that stays.
            await RetryOrFailAsync(run, "the worker stopped during training");
            throw;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Training run {RunId} of {TenantId} failed on attempt {Attempt}", run.Id, run.TenantId, run.Attempts);
            await RetryOrFailAsync(run, RunFailures.ServerError);
        }
    }

    [AutomaticRetry(Attempts = 0)]
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var run in await runs.SilentAsync(TimeSpan.FromSeconds(options.Value.SilenceSeconds), cancellationToken))
        {
            logger.LogWarning("Training run {RunId} of {TenantId}: its worker {Worker} fell silent", run.Id, run.TenantId, run.Worker);
            await RetryOrFailAsync(run, $"worker {run.Worker} was lost during training");
        }
    }

    private async Task RetryOrFailAsync(TrainingRunRecord run, string reason)
    {
        if (run.Attempts < options.Value.MaxAttempts)
        {
            // A run cancelled meanwhile is not queued again.
            if (await runs.RequeueAsync(run.Id, run.Attempts, $"attempt {run.Attempts} failed: {reason}; trying again", CancellationToken.None))
            {
                await queue.EnqueueAsync(run);
                await PublishAsync(run.TenantId, run.Id, TrainingRunStatus.Queued);
            }
        }
        else
        {
            await FinishAsync(run, TrainingRunStatus.Failed, $"{reason} (attempt {run.Attempts} of {options.Value.MaxAttempts})", null);
        }
    }

    // False when this attempt no longer runs the run (cancelled meanwhile, or taken over), which it then leaves as it is.
    private async Task<bool> FinishAsync(TrainingRunRecord run, TrainingRunStatus status, string? error, Guid? versionId)
    {
        var finished = await runs.FinishAsync(run.Id, run.Attempts, status, error, versionId, CancellationToken.None);
        await PublishAsync(run.TenantId, run.Id, finished?.Status ?? status);
        return finished is not null;
    }

    private async Task PublishAsync(string tenantId, Guid runId, TrainingRunStatus status)
    {
        try
        {
            var finished = status is not (TrainingRunStatus.Queued or TrainingRunStatus.Running);
            var update = new ProgressUpdate(RunKinds.Training, runId, WireNames.ToWire(status), finished, DateTimeOffset.UtcNow);
            await cluster.GetGrain<IProgressGrain>(GrainKeys.Progress(tenantId, RunKinds.Training, runId)).PublishAsync(update);
        }
        catch (Exception exception)
        {
            // Subscribers also poll the store; a lost signal only delays their update.
            logger.LogWarning(exception, "Could not publish progress of training run {RunId}", runId);
        }
    }
}
