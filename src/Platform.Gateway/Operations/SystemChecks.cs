using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Options;
using Platform.Abstractions.Jobs;
using Platform.Domain.Jobs;
using Platform.Gateway.Auth;
using Platform.Gateway.GraphQL.Execution;
using Platform.Gateway.Hosting;
using Platform.Storage.SystemChecks;

namespace Platform.Gateway.Operations;

/// <summary>Records a diagnostic run and queues it for a worker.</summary>
public sealed class SystemChecks(
    SystemCheckStore store,
    IBackgroundJobClient jobs,
    IOptions<PlatformOptions> options,
    ILogger<SystemChecks> logger)
{
    public async Task<SystemCheckRecord> QueueAsync(Caller caller, string? queue, CancellationToken cancellationToken)
    {
        queue ??= options.Value.DefaultSystemCheckQueue;
        if (!JobQueues.IsKnown(queue))
        {
            throw new InputError("queue", $"must be one of {string.Join(", ", JobQueues.All)}");
        }

        var run = await store.CreateAsync(caller.TenantId!, queue, caller.KeyId, cancellationToken);
        var job = Job.FromExpression<ISystemCheckJob>(j => j.RunAsync(run.TenantId, run.Id, CancellationToken.None));
        var jobId = jobs.Create(job, new EnqueuedState(queue));
        logger.LogInformation("System check {RunId} of tenant {TenantId} queued on {Queue} as job {JobId}", run.Id, run.TenantId, queue, jobId);
        return run;
    }
}
