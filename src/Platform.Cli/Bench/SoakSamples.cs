using System.Globalization;

namespace Platform.Cli.Bench;

/// <summary>
/// What a soak recorded, and its verdicts (docs/reliability.md#soak): each read's latency and each write batch by the
/// second of the run it started in, and the gateway's memory and thread-pool queue every few seconds.
/// </summary>
public sealed class SoakSamples
{
    public const double MaxMemoryGrowth = 0.10;
    public const double MaxP99Ratio = 2;

    /// <summary>A queue this short is not a backlog, whatever the first minute's was.</summary>
    public const double QueueFloor = 10;

    public sealed record Gauge(double AtSeconds, double WorkingSetBytes, double ManagedBytes, double QueueLength);

    public List<(double AtSeconds, double Milliseconds)> Reads { get; } = [];

    public List<Gauge> Gauges { get; } = [];

    public int ReadErrors { get; set; }

    public long EventsSent { get; set; }

    public long EventsAcknowledged { get; set; }

    public int WriteErrors { get; set; }

    /// <summary>
    /// The verdicts, then one line per minute. Memory compares the mean of the minute after <paramref name="warmUpSeconds"/>
    /// with the last minute's, so the run must last at least two minutes beyond the warm-up.
    /// </summary>
    public IReadOnlyList<BenchResult> Results(int minutes, double warmUpSeconds)
    {
        var results = new List<BenchResult>();
        var lastMinuteStart = (minutes - 1) * 60.0;
        var (early, late) = (
            Gauges.Where(g => g.AtSeconds >= warmUpSeconds && g.AtSeconds < warmUpSeconds + 60).ToList(),
            Gauges.Where(g => g.AtSeconds >= lastMinuteStart && g.AtSeconds < minutes * 60).ToList()); // not the drain after the load
        if (early.Count == 0 || late.Count == 0 || lastMinuteStart < warmUpSeconds + 60 || Gauges.Any(g => !Possible(g)))
        {
            results.Add(BenchResult.Untrusted("gateway memory growth after warm-up", $"≤ {MaxMemoryGrowth:P0}", "no reading of /metrics in the minute after the warm-up or in the last minute, or an impossible one"));
        }
        else
        {
            // Minute means, not single readings: the working set rises and falls with every collection.
            var (from, to) = (early.Average(g => g.WorkingSetBytes), late.Average(g => g.WorkingSetBytes));
            var growth = (to / from) - 1;
            results.Add(new BenchResult(
                "gateway memory growth after warm-up (working set)", $"{growth:+0.0%;-0.0%} ({Mb(from)} → {Mb(to)})", $"≤ {MaxMemoryGrowth:P0}",
                growth <= MaxMemoryGrowth,
                $"mean of the minute after the warm-up against the last minute's; managed heap {Mb(early.Average(g => g.ManagedBytes))} → {Mb(late.Average(g => g.ManagedBytes))}"));
        }

        var perMinute = Enumerable.Range(0, minutes).Select(m => Minute(m)).ToList();
        var (firstMinute, lastMinute) = (perMinute[0], perMinute[^1]);
        if (firstMinute.Reads.Count == 0 || lastMinute.Reads.Count == 0)
        {
            results.Add(BenchResult.Untrusted("user(id) p99, last minute ÷ first", $"≤ {MaxP99Ratio}×", "no read answered in the first or the last minute"));
        }
        else
        {
            var (p99First, p99Last) = (Percentiles.Of(firstMinute.Reads, 99), Percentiles.Of(lastMinute.Reads, 99));
            var ratio = p99Last / p99First;
            results.Add(new BenchResult("user(id) p99, last minute ÷ first", $"{ratio:F2}× ({p99First:F1} → {p99Last:F1} ms)", $"≤ {MaxP99Ratio}×", ratio <= MaxP99Ratio));
        }

        var (queueFirst, queueLast) = (firstMinute.MaxQueue, lastMinute.MaxQueue);
        var bound = Math.Max(QueueFloor, 2 * (queueFirst ?? 0));
        results.Add(queueFirst is null || queueLast is null || Gauges.Any(g => !Possible(g))
            ? BenchResult.Untrusted("thread-pool queue, last minute's largest", "not growing", "the first or the last minute has no reading of the queue, or a reading is impossible")
            : new BenchResult("thread-pool queue, last minute's largest", $"{queueLast:N0} (first minute {queueFirst:N0})", $"≤ {bound:N0} (not growing)", queueLast <= bound));
        results.Add(new BenchResult(
            "events acknowledged", $"{EventsAcknowledged:N0} of {EventsSent:N0}", "all", EventsAcknowledged == EventsSent && WriteErrors == 0, $"{WriteErrors:N0} failed batches"));
        results.Add(new BenchResult("user(id) errors", $"{ReadErrors:N0} of {Reads.Count + ReadErrors:N0}", "0", ReadErrors == 0));
        results.AddRange(perMinute.Select((m, i) => new BenchResult(
            $"minute {i + 1}",
            m.Reads.Count == 0 ? "no read answered" : $"user(id) p50 {Percentiles.Of(m.Reads, 50):F1} ms, p99 {Percentiles.Of(m.Reads, 99):F1} ms ({m.Reads.Count:N0} reads)",
            Note: $"working set {(m.WorkingSet is { } w ? Mb(w) : "—")}, managed {(m.Managed is { } h ? Mb(h) : "—")}, largest queue {(m.MaxQueue is { } q ? q.ToString("N0", CultureInfo.InvariantCulture) : "—")}")));
        return results;
    }

    // NaN fails every comparison, so it is impossible too.
    private static bool Possible(Gauge g) => g.WorkingSetBytes > 0 && g.ManagedBytes > 0 && g.QueueLength >= 0;

    private (List<double> Reads, double? WorkingSet, double? Managed, double? MaxQueue) Minute(int minute)
    {
        bool Within(double at) => at >= minute * 60 && at < (minute + 1) * 60;
        var reads = Reads.Where(r => Within(r.AtSeconds)).Select(r => r.Milliseconds).Order().ToList();
        var gauges = Gauges.Where(g => Within(g.AtSeconds)).ToList();
        return gauges.Count == 0
            ? (reads, null, null, null)
            : (reads, gauges[^1].WorkingSetBytes, gauges[^1].ManagedBytes, gauges.Max(g => g.QueueLength));
    }

    private static string Mb(double bytes) => $"{bytes / (1024 * 1024):N0} MB";
}
