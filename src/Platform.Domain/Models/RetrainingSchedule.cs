using Cronos;

namespace Platform.Domain.Models;

/// <summary>
/// An admin's schedule for retraining one task (docs/models.md#schedules): a standard five-field cron expression read in
/// an IANA time zone; with <see cref="OnlyWhenNewData"/> a run is skipped when nothing arrived since the ACTIVE version's data.
/// With <see cref="RetrainAbovePsi"/>, a drift check that finds an input above it queues a run at once.
/// </summary>
public sealed record RetrainingSchedule(ModelTask Task, string Cron, string TimeZone, bool OnlyWhenNewData, double? RetrainAbovePsi, DateTimeOffset CreatedAt)
{
    /// <summary>The id of the schedule's Hangfire recurring job.</summary>
    public static string RecurringJobId(string tenantId, ModelTask task) => $"retrain:{tenantId}:{WireNames.ToWire(task)}";

    /// <summary>The next run after <paramref name="now"/>, or null when the expression never fires again.</summary>
    public DateTimeOffset? NextRunAfter(DateTimeOffset now) =>
        CronExpression.Parse(Cron).GetNextOccurrence(now, TimeZoneInfo.FindSystemTimeZoneById(TimeZone));
}
