using Hangfire;
using Platform.Abstractions.Jobs;
using Platform.Domain;
using Platform.Domain.Models;
using Platform.Storage.Models;
using Platform.Storage.Training;
using Platform.Worker.Training;

namespace Platform.Worker.Jobs;

/// <summary>
/// A retraining schedule firing (docs/models.md#schedules). It queues a SCHEDULE run of the task; it records a SKIPPED run
/// with the reason instead when the schedule wants new data and nothing arrived since the ACTIVE version's data, or when
/// a run of the task is already queued or running.
/// </summary>
public sealed class ScheduledTrainingJob(
    RetrainingScheduleStore schedules,
    ModelRegistry registry,
    DataArrivals arrivals,
    TrainingRunStore runs,
    TrainingQueue queue,
    ILogger<ScheduledTrainingJob> logger) : IScheduledTrainingJob
{
    [AutomaticRetry(Attempts = 0)] // a missed firing is not made up for: the next one comes
    public async Task RunAsync(string tenantId, string taskName, CancellationToken cancellationToken)
    {
        if (!WireNames.TryParse<ModelTask>(taskName, out var task))
        {
            logger.LogError("A retraining schedule of {TenantId} names an unknown task {Task}", tenantId, taskName);
            return;
        }

        if (await schedules.FindAsync(tenantId, task, cancellationToken) is not { } schedule)
        {
            logger.LogInformation("The {Task} schedule of {TenantId} was deleted; nothing to run", task, tenantId);
            return;
        }

        if (schedule.OnlyWhenNewData && await registry.ActiveDataAsOfAsync(tenantId, task, cancellationToken) is { } asOf
            && !(await arrivals.LatestAsync(tenantId, cancellationToken) > asOf))
        {
            await SkipAsync(tenantId, task, $"No events or outcome rows arrived since the ACTIVE version's data was read ({asOf:u}).", cancellationToken);
            return;
        }

        var (run, created) = await queue.RequestAsync(tenantId, task, TrainingTrigger.Schedule, cancellationToken);
        if (!created)
        {
            await SkipAsync(tenantId, task, $"Training run {run.Id} of {WireNames.ToWire(task)} was already {WireNames.ToWire(run.Status)}.", cancellationToken);
            return;
        }

        logger.LogInformation("Scheduled {Task} training of {TenantId} queued as run {RunId} on {Queue}", task, tenantId, run.Id, run.Queue);
    }

    private async Task SkipAsync(string tenantId, ModelTask task, string reason, CancellationToken cancellationToken)
    {
        var run = await runs.RecordSkippedAsync(tenantId, task, reason, cancellationToken);
        logger.LogInformation("Scheduled {Task} training of {TenantId} skipped as run {RunId}: {Reason}", task, tenantId, run.Id, reason);
    }
}
