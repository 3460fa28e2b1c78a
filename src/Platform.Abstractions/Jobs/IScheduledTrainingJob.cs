namespace Platform.Abstractions.Jobs;

/// <summary>
/// A retraining schedule firing (docs/models.md#schedules): Hangfire runs it on a worker's default queue at the schedule's
/// cron; it queues a training run, or records a SKIPPED one when the schedule asks for new data and none arrived.
/// </summary>
public interface IScheduledTrainingJob
{
    /// <param name="task">The task's wire name (UPLIFT, ...): Hangfire stores arguments as JSON, and names survive an enum's reordering.</param>
    Task RunAsync(string tenantId, string task, CancellationToken cancellationToken);
}
