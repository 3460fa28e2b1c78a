using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Platform.Abstractions;
using Platform.Abstractions.Jobs;
using Platform.Abstractions.Progress;
using Platform.Abstractions.Tenants;
using Platform.Domain;
using Platform.Domain.Errors;
using Platform.Domain.Jobs;
using Platform.Domain.Models;
using Platform.Domain.Profiles;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Types;
using Platform.Gateway.Auth;
using Platform.Storage.Models;

namespace Platform.Gateway.Operations;

/// <summary>
/// Training runs and the model registry from the API (docs/models.md): queue a run on the gpu queue when a GPU worker
/// listens, else cpu; one run per tenant and task at a time; cancel; list; promote or roll back a version.
/// </summary>
public sealed class ModelService(
    TrainingRunStore runs, ModelRegistry registry, DriftCheck drift, IBackgroundJobClient jobs, JobStorage jobStorage, IGrainFactory grains, ILogger<ModelService> logger)
{
    public const int DefaultPage = 20;
    public const int MaxPage = 100;

    public async Task<TrainingRunRecord> TrainAsync(Caller caller, ModelTask task, TrainingTrigger trigger, CancellationToken cancellationToken)
    {
        var servers = jobStorage.GetMonitoringApi().Servers().Select(s => ((IEnumerable<string>)s.Queues, s.Heartbeat));
        var queue = TrainingQueueChoice.Choose(servers, DateTime.UtcNow);
        var (run, created) = await runs.CreateAsync(caller.TenantId!, task, trigger, queue, caller.KeyId, cancellationToken);
        if (!created)
        {
            throw ApiError.Refused(ErrorCodes.Conflict,
                $"A {WireNames.ToWire(task)} training run is already {WireNames.ToWire(run.Status)}: {run.Id}. Follow it with trainingProgress or stop it with cancelTrainingRun.");
        }

        try
        {
            // Only the run id travels in the job: the Hangfire dashboard shows job arguments to operators.
            var jobId = jobs.Create(Job.FromExpression<ITrainingJob>(j => j.RunAsync(run.Id, CancellationToken.None)), new EnqueuedState(queue));
            await runs.SetJobAsync(run.Id, jobId, CancellationToken.None);
            logger.LogInformation("Training run {RunId} ({Task}) of {TenantId} queued on {Queue} as job {JobId}", run.Id, task, run.TenantId, queue, jobId);
            return run;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not queue training run {RunId}", run.Id);
            await runs.CancelAsync(run.TenantId, run.Id, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Stops a queued or running run (a running one stops within a couple of seconds, between batches); a finished one is returned as it is.</summary>
    public async Task<TrainingRunRecord> CancelAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        var (run, before, jobId) = await runs.CancelAsync(tenantId, ApiError.RequireUuid("id", id, "trainModels"), cancellationToken);
        if (run is null)
        {
            throw ApiError.NotFound("training run", id);
        }

        if (before == TrainingRunStatus.Queued && jobId is not null)
        {
            // A running job notices through its heartbeat; a queued one need never start.
            jobs.Delete(jobId);
        }

        if (before is TrainingRunStatus.Queued or TrainingRunStatus.Running)
        {
            logger.LogInformation("Training run {RunId} of {TenantId} cancelled", run.Id, tenantId);
            await PublishAsync(run);
        }

        return run;
    }

    public async Task<TrainingRunRecord?> FindRunAsync(string tenantId, Guid id, CancellationToken cancellationToken) =>
        await runs.FindAsync(tenantId, id, cancellationToken);

    public Task<TrainingRunRecord?> FindRunAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        runs.FindAsync(tenantId, ApiError.RequireUuid("id", id, "trainModels"), cancellationToken);

    public async Task<Page<TrainingRunRecord>> ListRunsAsync(string tenantId, ModelTask? task, int? first, string? after, CancellationToken cancellationToken)
    {
        var size = Paging.Size(first, DefaultPage, MaxPage);
        var fetched = await runs.ListAsync(tenantId, task, size + 1, after is null ? null : Paging.ParseTimeGuidCursor(after, "trainingRuns"), cancellationToken);
        return Page<TrainingRunRecord>.From(fetched, size, r => Paging.TimeCursor("trainingRuns", r.CreatedAt, r.Id.ToString("N")));
    }

    public Task<ModelVersionRecord?> FindVersionAsync(string tenantId, Guid id, CancellationToken cancellationToken) =>
        registry.FindAsync(tenantId, id, cancellationToken);

    public async Task<Page<ModelVersionRecord>> ListVersionsAsync(string tenantId, ModelTask task, int? first, string? after, CancellationToken cancellationToken)
    {
        var size = Paging.Size(first, DefaultPage, MaxPage);
        var fetched = await registry.ListAsync(tenantId, task, size + 1, after is null ? null : Paging.ParseTimeGuidCursor(after, "models"), cancellationToken);
        return Page<ModelVersionRecord>.From(fetched, size, v => Paging.TimeCursor("models", v.CreatedAt, v.Id.ToString("N")));
    }

    /// <summary>
    /// Makes a version ACTIVE (a promotion of a CANDIDATE, or a roll-back to a RETIRED one) after checking its weights
    /// against their checksum; the ACTIVE version before is RETIRED. Promoting the ACTIVE version changes nothing.
    /// </summary>
    public async Task<ModelVersionRecord> PromoteAsync(Caller caller, string versionId, CancellationToken cancellationToken)
    {
        var tenantId = caller.TenantId!;
        var id = ApiError.RequireUuid("versionId", versionId, "models");
        var version = await registry.FindAsync(tenantId, id, cancellationToken) ?? throw ApiError.NotFound("model version", versionId);
        if (version.Status == ModelVersionStatus.Active)
        {
            return version;
        }

        try
        {
            await registry.WeightsAsync(tenantId, id, cancellationToken);
        }
        catch (CorruptWeightsException)
        {
            logger.LogError("Model version {VersionId} of {TenantId} failed its checksum; promotion refused", id, tenantId);
            throw ApiError.Refused(ErrorCodes.CorruptModel, $"Model version {id}'s stored weights do not match their checksum; it cannot serve. Train a new version.");
        }

        var verb = version.Status == ModelVersionStatus.Retired ? "rolled back to" : "promoted";
        var promoted = await registry.ActivateAsync(tenantId, id, $"ACTIVE: {verb} by admin key {caller.KeyId} at {DateTimeOffset.UtcNow:u}.", cancellationToken: cancellationToken);
        logger.LogInformation("Model version {VersionId} ({Task}) of {TenantId} {Verb} by key {KeyId}", id, version.Task, tenantId, verb, caller.KeyId);
        if (version.Task == ModelTask.Users)
        {
            jobs.Create(Job.FromExpression<IUserScoringJob>(j => j.ScoreTenantAsync(tenantId, CancellationToken.None)), new EnqueuedState(JobQueues.Default));
        }
        return promoted!;
    }

    /// <summary>Checks the task's ACTIVE version for drift now (as the daily check does) and returns it with the report.</summary>
    public async Task<ModelVersionRecord> CheckDriftAsync(string tenantId, ModelTask task, CancellationToken cancellationToken)
    {
        var active = await registry.ActiveAsync(tenantId, task, cancellationToken)
            ?? throw ApiError.Refused(ErrorCodes.NotFound, $"The tenant has no ACTIVE {WireNames.ToWire(task)} version to check: train one with trainModels.");
        var halfLife = (await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId)).GetAsync())?.Settings.AffinityHalfLifeDays;
        var settings = halfLife is { } days ? ProfileSettings.WithHalfLifeDays(days) : ProfileSettings.Default;
        await drift.RunAsync(active, settings, cancellationToken);
        return (await registry.FindAsync(tenantId, active.Id, cancellationToken))!;
    }

    private async Task PublishAsync(TrainingRunRecord run)
    {
        try
        {
            var update = new ProgressUpdate(RunKinds.Training, run.Id, WireNames.ToWire(run.Status), run.IsFinished, DateTimeOffset.UtcNow);
            await grains.GetGrain<IProgressGrain>(GrainKeys.Progress(run.TenantId, RunKinds.Training, run.Id)).PublishAsync(update);
        }
        catch (Exception exception)
        {
            // Subscribers also poll the store; a lost signal only delays their update.
            logger.LogWarning(exception, "Could not publish the cancellation of training run {RunId}", run.Id);
        }
    }
}
