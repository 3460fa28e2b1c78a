using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Platform.Abstractions.Jobs;
using Platform.Domain.Jobs;
using Platform.Gateway.Auth;
using Platform.Gateway.Api.Execution;
using Platform.Storage.SystemChecks;

namespace Platform.Gateway.Operations;

/// <summary>Records a diagnostic run and queues it for a worker.</summary>
public sealed class SystemCheckService(SystemCheckStore store, IBackgroundJobClient jobs, ILogger<SystemCheckService> logger)
{
    public async Task<SystemCheckRecord> QueueAsync(Caller caller, string? queue, CancellationToken cancellationToken)
    {
        queue ??= JobQueues.Default;
        if (!JobQueues.IsKnown(queue))
        {
            throw ApiError.Invalid("queue", "unknown_value", $"queue must be one of {string.Join(", ", JobQueues.All)}.");
        }

        var run = await store.CreateAsync(caller.TenantId!, queue, caller.KeyId, cancellationToken);
        try
        {
            // Only the run id travels in the job: the Hangfire dashboard shows job arguments to operators.
            var job = Job.FromExpression<ISystemCheckJob>(j => j.RunAsync(run.Id, CancellationToken.None));
            var jobId = jobs.Create(job, new EnqueuedState(queue));
            logger.LogInformation("System check {RunId} of tenant {TenantId} queued on {Queue} as job {JobId}", run.Id, run.TenantId, queue, jobId);
            return run;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not queue system check {RunId}", run.Id);
            await store.MarkFailedAsync(run.TenantId, run.Id, "The job could not be queued.", CancellationToken.None);
            throw;
        }
    }
}
