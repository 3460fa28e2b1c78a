using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Platform.Abstractions.Jobs;
using Platform.Domain.Jobs;
using Platform.Domain.Models;
using Platform.Storage.Models;

namespace Platform.Worker.Training;

/// <summary>Queues training runs from a worker (schedules, retries) on the queue <see cref="TrainingQueueChoice"/> picks.</summary>
public sealed class TrainingQueue(TrainingRunStore runs, IBackgroundJobClient jobs, JobStorage storage)
{
    /// <summary>A new run of the task, or the one already queued or running (created = false).</summary>
    public async Task<(TrainingRunRecord Run, bool Created)> RequestAsync(string tenantId, ModelTask task, TrainingTrigger trigger, CancellationToken cancellationToken)
    {
        var servers = storage.GetMonitoringApi().Servers().Select(s => ((IEnumerable<string>)s.Queues, s.Heartbeat));
        var (run, created) = await runs.CreateAsync(tenantId, task, trigger, TrainingQueueChoice.Choose(servers, DateTime.UtcNow), requestedBy: null, cancellationToken);
        if (created)
        {
            await EnqueueAsync(run);
        }

        return (run, created);
    }

    /// <summary>Hands a QUEUED run to Hangfire on its queue.</summary>
    public async Task EnqueueAsync(TrainingRunRecord run)
    {
        var jobId = jobs.Create(Job.FromExpression<ITrainingJob>(j => j.RunAsync(run.Id, CancellationToken.None)), new EnqueuedState(run.Queue));
        await runs.SetJobAsync(run.Id, jobId, CancellationToken.None);
    }
}
