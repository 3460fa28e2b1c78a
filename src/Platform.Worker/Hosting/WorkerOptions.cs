namespace Platform.Worker.Hosting;

/// <summary>Settings under "Platform" for a worker process.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Platform";

    public string? DatabaseUrl { get; set; }

    /// <summary>The cluster to join: the same Platform:Orleans keys the gateway nodes read.</summary>
    public WorkerClusterOptions Orleans { get; set; } = new();

    /// <summary>Comma-separated Hangfire queues; empty means gpu (when CUDA is available), cpu and default.</summary>
    public string? Queues { get; set; }

    /// <summary>Parallel jobs; torch already uses every core per job, so one is the sensible default.</summary>
    public int WorkerCount { get; set; } = 1;

    /// <summary>Torch intra-op threads; default: every core.</summary>
    public int? TorchThreads { get; set; }
}
