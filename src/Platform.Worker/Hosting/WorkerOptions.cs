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

    /// <summary>Parallel jobs of the default queue (imports, webhook deliveries, diagnostics); training runs one at a time on its own server.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>Torch intra-op threads; default: every core.</summary>
    public int? TorchThreads { get; set; }
}
