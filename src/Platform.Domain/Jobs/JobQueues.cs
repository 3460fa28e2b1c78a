namespace Platform.Domain.Jobs;

/// <summary>The Hangfire queues workers listen to. A GPU worker is started with only "gpu".</summary>
public static class JobQueues
{
    public const string Gpu = "gpu";
    public const string Cpu = "cpu";
    public const string Default = "default";

    public static IReadOnlyList<string> All { get; } = [Gpu, Cpu, Default];

    public static bool IsKnown(string queue) => All.Contains(queue);
}
