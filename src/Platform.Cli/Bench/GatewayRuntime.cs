using System.Globalization;

namespace Platform.Cli.Bench;

/// <summary>
/// What the gateway's /metrics says about where request time goes: its own time per /graphql POST (ASP.NET's
/// histogram), garbage collections and their pauses, lock contention, its CPU, and the thread pool's queue.
/// Two readings bracket a run; <see cref="Between"/> turns them into what happened during it.
/// </summary>
public sealed class GatewayRuntime(HttpClient http, Uri graphqlEndpoint)
{
    public sealed record Reading(
        IReadOnlyDictionary<double, double> ServerBuckets, double Gen0, double Gen1, double Gen2, double PauseSeconds,
        double LockContentions, double CpuSeconds, double QueueLength, double UserGrainsCollected, TimeSpan ClientCpu, TimeSpan ClientPaused, DateTimeOffset At);

    /// <summary>What happened between two readings; <see cref="ServerP99Milliseconds"/> is the upper bound of the bucket holding the 99th percentile.</summary>
    public sealed record During(
        double Seconds, double Requests, double ServerP99Milliseconds, double Gen0, double Gen1, double Gen2, double PauseSeconds,
        double LockContentions, double CpuCores, double MaxQueueLength, double UserGrainsCollected, double ClientCores, double ClientPausedSeconds);

    private const string ServerHistogram = "http_request_duration_seconds_bucket{code=\"200\",method=\"POST\",controller=\"\",action=\"\",endpoint=\"/graphql\",le=\"";

    public async Task<Reading> ReadAsync(CancellationToken cancellationToken)
    {
        var lines = (await http.GetStringAsync(new Uri(graphqlEndpoint, "/metrics"), cancellationToken)).Split('\n');
        var buckets = new Dictionary<double, double>();
        foreach (var line in lines.Where(l => l.StartsWith(ServerHistogram, StringComparison.Ordinal)))
        {
            var bound = line[ServerHistogram.Length..line.IndexOf('"', ServerHistogram.Length)];
            buckets[bound == "+Inf" ? double.PositiveInfinity : Number(bound)] = Number(line[(line.LastIndexOf(' ') + 1)..]);
        }

        return new Reading(
            buckets,
            Value(lines, "system_runtime_dotnet_gc_collections{gc_heap_generation=\"gen0\"}"),
            Value(lines, "system_runtime_dotnet_gc_collections{gc_heap_generation=\"gen1\"}"),
            Value(lines, "system_runtime_dotnet_gc_collections{gc_heap_generation=\"gen2\"}"),
            Value(lines, "system_runtime_dotnet_gc_pause_time"),
            Value(lines, "system_runtime_dotnet_monitor_lock_contentions"),
            Value(lines, "process_cpu_seconds_total"),
            Value(lines, "system_runtime_dotnet_thread_pool_queue_length"),
            Value(lines, "microsoft_orleans_orleans_catalog_activation_shutdown{grain_type=\"user\",via=\"collection\"}", absent: 0),
            System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime,
            GC.GetTotalPauseDuration(),
            DateTimeOffset.UtcNow);
    }

    /// <summary>Reads every half second until cancelled; returns the largest thread-pool queue seen.</summary>
    public async Task<double> MaxQueueLengthAsync(CancellationToken stop)
    {
        var max = 0.0;
        try
        {
            while (true)
            {
                max = Math.Max(max, (await ReadAsync(stop)).QueueLength);
                await Task.Delay(TimeSpan.FromMilliseconds(500), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return max;
        }
    }

    public static During Between(Reading before, Reading after, double maxQueueLength)
    {
        var seconds = (after.At - before.At).TotalSeconds;
        var counts = after.ServerBuckets.OrderBy(b => b.Key)
            .Select(b => (Bound: b.Key, Count: b.Value - before.ServerBuckets.GetValueOrDefault(b.Key)))
            .ToList();
        var requests = counts.Count == 0 ? 0 : counts[^1].Count;
        var p99 = counts.FirstOrDefault(b => b.Count >= 0.99 * requests).Bound * 1000;
        var during = new During(
            seconds, requests, p99, after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2,
            after.PauseSeconds - before.PauseSeconds, after.LockContentions - before.LockContentions,
            (after.CpuSeconds - before.CpuSeconds) / seconds, maxQueueLength, after.UserGrainsCollected - before.UserGrainsCollected,
            (after.ClientCpu - before.ClientCpu).TotalSeconds / seconds, (after.ClientPaused - before.ClientPaused).TotalSeconds);
        if (during.Requests < 0 || during.PauseSeconds < 0 || during.Gen0 < 0 || during.CpuCores < 0)
        {
            throw new InvalidOperationException("The gateway's counters went backwards during the run: it restarted, or another node answered /metrics.");
        }

        return during;
    }

    /// <param name="absent">The value of a series Orleans has not written yet (no grain collected so far); else an absent series is an error.</param>
    private static double Value(string[] lines, string name, double? absent = null)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is not null ? Number(line[(name.Length + 1)..])
            : absent ?? throw new InvalidOperationException($"The gateway's /metrics has no {name}.");
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
