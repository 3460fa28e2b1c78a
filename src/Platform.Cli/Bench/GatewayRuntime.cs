namespace Platform.Cli.Bench;

/// <summary>
/// What the gateway's /metrics says about where request time goes: its own time per /graphql POST (ASP.NET's
/// histogram), garbage collections and their pauses, lock contention, idle user grains Orleans deactivated, its CPU,
/// and the thread pool's queue. Two readings bracket a run; <see cref="Between"/> turns them into what happened during it.
/// </summary>
public sealed class GatewayRuntime(HttpClient http, Uri graphqlEndpoint)
{
    /// <param name="ServerBuckets">Cumulative counts of answered /graphql POSTs by upper bound in seconds.</param>
    /// <param name="UserGrainsCollected">Null while Orleans has not published the series (no grain collected yet, or renamed).</param>
    public sealed record Figures(
        IReadOnlyDictionary<double, double> ServerBuckets, double Gen0, double Gen1, double Gen2, double PauseSeconds,
        double LockContentions, double CpuSeconds, double? UserGrainsCollected);

    public sealed record Reading(Figures Gateway, TimeSpan ClientCpu, TimeSpan ClientPaused, DateTimeOffset At);

    /// <summary>What happened between two readings; <see cref="ServerP99Milliseconds"/> is the upper bound of the bucket holding the 99th percentile.</summary>
    public sealed record During(
        double Seconds, double Requests, double ServerP99Milliseconds, double Gen0, double Gen1, double Gen2, double PauseSeconds,
        double LockContentions, double CpuCores, double? MaxQueueLength, double? UserGrainsCollected, double ClientCores, double ClientPausedSeconds);

    public const string QueueLength = "system_runtime_dotnet_thread_pool_queue_length";

    public async Task<Reading> ReadAsync(CancellationToken cancellationToken)
    {
        var figures = Parse(await http.GetStringAsync(new Uri(graphqlEndpoint, "/metrics"), cancellationToken));
        return new Reading(figures, Environment.CpuUsage.TotalTime, GC.GetTotalPauseDuration(), DateTimeOffset.UtcNow);
    }

    /// <summary>Reads the thread-pool queue every half second until cancelled; the largest seen, or null when no reading succeeded.</summary>
    public async Task<double?> MaxQueueLengthAsync(CancellationToken stop)
    {
        double? max = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var queue = PrometheusText.Parse(await http.GetStringAsync(new Uri(graphqlEndpoint, "/metrics"), stop)).Value(QueueLength);
                max = Math.Max(max ?? 0, queue);
                await Task.Delay(TimeSpan.FromMilliseconds(500), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (HttpRequestException)
            {
                // A missed sample: the run goes on; the maximum is over the samples that answered.
            }
        }

        return max;
    }

    public static Figures Parse(string exposition)
    {
        var series = PrometheusText.Parse(exposition);
        var buckets = series.All("http_request_duration_seconds_bucket", ("endpoint", "/graphql"), ("method", "POST"), ("code", "200"))
            .ToDictionary(s => s.Labels["le"] == "+Inf" ? double.PositiveInfinity : PrometheusText.Number(s.Labels["le"]), s => s.Value);
        return new Figures(
            buckets,
            series.Value("system_runtime_dotnet_gc_collections", ("gc_heap_generation", "gen0")),
            series.Value("system_runtime_dotnet_gc_collections", ("gc_heap_generation", "gen1")),
            series.Value("system_runtime_dotnet_gc_collections", ("gc_heap_generation", "gen2")),
            series.Value("system_runtime_dotnet_gc_pause_time"),
            series.Value("system_runtime_dotnet_monitor_lock_contentions"),
            series.Value("process_cpu_seconds_total"),
            series.All("microsoft_orleans_orleans_catalog_activation_shutdown", ("grain_type", "user"), ("via", "collection")).Select(s => (double?)s.Value).SingleOrDefault());
    }

    /// <summary>What happened during a run, or why the two readings cannot say (then the evidence lines are errors, not figures).</summary>
    public static (During? During, string? Error) Between(Reading before, Reading after, double? maxQueueLength, int answered)
    {
        var seconds = (after.At - before.At).TotalSeconds;
        var counts = after.Gateway.ServerBuckets.OrderBy(b => b.Key)
            .Select(b => (Bound: b.Key, Count: b.Value - before.Gateway.ServerBuckets.GetValueOrDefault(b.Key)))
            .ToList();
        var requests = counts.Count == 0 ? 0 : counts[^1].Count;
        if (requests <= 0 || requests < answered)
        {
            return (null, $"the gateway's histogram counted {requests:N0} answered /graphql POSTs during the run, fewer than the {answered:N0} the bench received: another node answered, or the series changed");
        }

        var (g0, g1) = (before.Gateway, after.Gateway);
        if (g1.Gen0 < g0.Gen0 || g1.PauseSeconds < g0.PauseSeconds || g1.CpuSeconds < g0.CpuSeconds || g1.LockContentions < g0.LockContentions)
        {
            return (null, "the gateway's counters went backwards during the run: it restarted, or another node answered /metrics");
        }

        var collected = g0.UserGrainsCollected is { } a && g1.UserGrainsCollected is { } b ? b - a : g1.UserGrainsCollected;
        return (new During(
            seconds, requests, counts.First(b => b.Count >= 0.99 * requests).Bound * 1000, g1.Gen0 - g0.Gen0, g1.Gen1 - g0.Gen1, g1.Gen2 - g0.Gen2,
            g1.PauseSeconds - g0.PauseSeconds, g1.LockContentions - g0.LockContentions, (g1.CpuSeconds - g0.CpuSeconds) / seconds, maxQueueLength, collected,
            (after.ClientCpu - before.ClientCpu).TotalSeconds / seconds, (after.ClientPaused - before.ClientPaused).TotalSeconds), null);
    }
}
