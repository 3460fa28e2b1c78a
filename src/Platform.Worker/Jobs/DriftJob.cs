using Hangfire;
using Platform.Abstractions;
using Platform.Abstractions.Jobs;
using Platform.Abstractions.Tenants;
using Platform.Domain.Models;
using Platform.Domain.Profiles;
using Platform.Storage.Models;
using Platform.Worker.Training;

namespace Platform.Worker.Jobs;

/// <summary>
/// Checks every ACTIVE version for drift (docs/models.md#drift) and, where the task's schedule names a threshold that an
/// input's population stability index passed, queues a SCHEDULE training run at once.
/// </summary>
public sealed class DriftJob(
    ModelRegistry registry, DriftCheck drift, RetrainingScheduleStore schedules, TrainingQueue queue, IClusterClient cluster, ILogger<DriftJob> logger) : IDriftJob
{
    public const string RecurringId = "drift-check";

    [AutomaticRetry(Attempts = 0)] // tomorrow's check comes anyway
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var version in await registry.AllActiveAsync(cancellationToken))
        {
            try
            {
                var tenant = await cluster.GetGrain<ITenantGrain>(GrainKeys.Tenant(version.TenantId)).GetAsync();
                if (tenant is null)
                {
                    continue;
                }

                var settings = ProfileSettings.WithHalfLifeDays(tenant.Settings.AffinityHalfLifeDays);
                var report = await drift.RunAsync(version, settings, cancellationToken);
                logger.LogInformation("Drift of {Task} version {VersionId} of {TenantId}: max PSI {MaxPsi} over {Users} active users", version.Task, version.Id, version.TenantId, report.MaxPsi, report.Users);
                if (report.MaxPsi is { } max && await schedules.FindAsync(version.TenantId, version.Task, cancellationToken) is { RetrainAbovePsi: { } threshold } && max > threshold)
                {
                    var (run, created) = await queue.RequestAsync(version.TenantId, version.Task, TrainingTrigger.Schedule, cancellationToken);
                    logger.LogInformation(
                        "Drift {MaxPsi} of {TenantId}'s {Task} passed its schedule's {Threshold}: run {RunId} {Outcome}", max, version.TenantId, version.Task, threshold, run.Id, created ? "queued" : "was already queued or running");
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The drift check of {Task} version {VersionId} of {TenantId} failed", version.Task, version.Id, version.TenantId);
            }
        }
    }
}
