using Hangfire;
using Hangfire.Common;
using Platform.Abstractions.Jobs;
using Platform.Domain;
using Platform.Domain.Models;
using Platform.Gateway.Api.Execution;
using Platform.Storage.Models;

namespace Platform.Gateway.Operations;

/// <summary>
/// Admin retraining schedules (docs/models.md#schedules): one row per tenant and task, and one Hangfire recurring job
/// that fires <see cref="IScheduledTrainingJob"/> on a worker at the schedule's cron in its time zone.
/// </summary>
public sealed class RetrainingScheduleService(RetrainingScheduleStore store, IRecurringJobManager recurring, ILogger<RetrainingScheduleService> logger)
{
    public async Task<RetrainingSchedule> SetAsync(
        string tenantId, ModelTask task, string cron, string timeZone, bool onlyWhenNewData, double? retrainAbovePsi, CancellationToken cancellationToken)
    {
        cron = cron.Trim();
        ApiError.ThrowIfAny(RetrainingScheduleRules.Check(cron, timeZone, retrainAbovePsi));
        var schedule = await store.UpsertAsync(tenantId, task, cron, timeZone, onlyWhenNewData, retrainAbovePsi, cancellationToken);
        recurring.AddOrUpdate(
            RetrainingSchedule.RecurringJobId(tenantId, task),
            Job.FromExpression<IScheduledTrainingJob>(j => j.RunAsync(tenantId, WireNames.ToWire(task), CancellationToken.None)),
            cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(timeZone) });
        logger.LogInformation("Retraining schedule of {TenantId} for {Task}: {Cron} in {TimeZone}", tenantId, task, cron, timeZone);
        return schedule;
    }

    /// <summary>Removes the task's schedule; false when it had none.</summary>
    public async Task<bool> DeleteAsync(string tenantId, ModelTask task, CancellationToken cancellationToken)
    {
        recurring.RemoveIfExists(RetrainingSchedule.RecurringJobId(tenantId, task));
        return await store.DeleteAsync(tenantId, task, cancellationToken);
    }

    public Task<IReadOnlyList<RetrainingSchedule>> ListAsync(string tenantId, CancellationToken cancellationToken) => store.ListAsync(tenantId, cancellationToken);
}
