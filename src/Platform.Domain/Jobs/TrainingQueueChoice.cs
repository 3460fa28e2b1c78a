namespace Platform.Domain.Jobs;

/// <summary>
/// Where a training run goes: the gpu queue when a live worker listens to it, else cpu. A worker counts as live while
/// its Hangfire heartbeat (every 30 s) is younger than <see cref="LiveWithin"/>.
/// </summary>
public static class TrainingQueueChoice
{
    public static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(90);

    public static string Choose(IEnumerable<(IEnumerable<string> Queues, DateTime? HeartbeatUtc)> servers, DateTime nowUtc) =>
        servers.Any(s => s.HeartbeatUtc is { } beat && nowUtc - beat < LiveWithin && s.Queues.Contains(JobQueues.Gpu)) ? JobQueues.Gpu : JobQueues.Cpu;
}
