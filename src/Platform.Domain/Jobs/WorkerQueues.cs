namespace Platform.Domain.Jobs;

public static class WorkerQueues
{
    /// <summary>
    /// The queues to listen to, in priority order. Unknown names are refused so a typo cannot leave jobs
    /// waiting forever.
    /// </summary>
    public static string[] Resolve(string? configured, bool hasGpu)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return hasGpu ? [JobQueues.Gpu, JobQueues.Cpu, JobQueues.Default] : [JobQueues.Cpu, JobQueues.Default];
        }

        var queues = configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(q => q.ToLowerInvariant())
            .Distinct()
            .ToArray();
        var unknown = queues.Where(q => !JobQueues.IsKnown(q)).ToArray();
        if (unknown.Length > 0 || queues.Length == 0)
        {
            throw new InvalidOperationException(
                $"Unknown queue(s) '{string.Join(", ", unknown)}'; use some of {string.Join(", ", JobQueues.All)}.");
        }

        return queues;
    }
}
