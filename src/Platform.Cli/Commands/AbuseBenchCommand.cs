using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Platform.Cli.Bench;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// `./platform bench abuse`: one tenant floods a node far past its rate limit while another reads its users' profiles at
/// a steady rate; the other tenant's latency during the flood against its latency alone (docs/reliability.md#abuse-budget).
/// </summary>
public sealed class AbuseBenchCommand(HttpClient http, Uri endpoint, GraphQLClient client, IAnsiConsole console)
{
    public sealed record Settings(int Seconds = 30, int FloodPerSecond = 2_000, int ReadsPerSecond = 100, int Users = 2_000);

    /// <summary>The storefront read's target (docs/benchmarks.md): p99 ≤ 10 ms.</summary>
    public const double ReadP99TargetMs = 10;

    public const double MaxSlowdown = 2;

    /// <summary>A tenant's requests a second when nobody set its limit (docs/api.md#rate-limiting).</summary>
    public const int DefaultLimit = 200;

    private const string ProfileRead = "query($id: ID!) { user(id: $id) { id purchases revenue categoryAffinities { key score } } }";
    private const string WithAggregate = "query($id: ID!) { audienceSummary(audience: { all: true }) { users } user(id: $id) { id } }";

    /// <summary>The two floods: profile reads alone (each answered from memory), then in turn with an audience aggregate (a database query).</summary>
    private static readonly (string Name, string[] Queries)[] Floods =
    [
        ("profile reads", [ProfileRead]),
        ("profile reads and audienceSummary in turn", [ProfileRead, WithAggregate]),
    ];

    private const string Method = """
        - **Tenants** — the reader: a fresh tenant with a limit high enough not to matter and its users each given a first
          event; the flooder: a fresh tenant with the same users, then set back to the default limit (200 requests/s per node).
        - **Alone** — the reader's `user(id)` of random users at the read rate, open loop, for the run's length.
        - **Floods** — the same reads again while the flooder sends, open loop at the flood rate, first profile reads
          (answered from the users' grains), then in turn a profile read and an `audienceSummary` of everyone (a database
          aggregate) with a profile read: the node refuses what is past the flooder's limit with 429 `RATE_LIMITED`.
          Counted: the flooder's requests answered, refused and failed, and the cores the gateway and the bench client
          used meanwhile (from the gateway's `process_cpu_seconds_total` and the client's own CPU time).
        - **Verdicts** — the reader's p99 during the flood within 2× of its p99 alone, and within the storefront target
          (10 ms). The client sends both loads from the same 2-core machine as the node and PostgreSQL.
        """;

    public async Task<int> RunAsync(string systemKey, Settings settings, string reportPath, CancellationToken cancellationToken)
    {
        var (_, reader) = await BenchTenant.CreateAsync(client, systemKey, "reader", cancellationToken);
        var (flooderId, flooder) = await BenchTenant.CreateAsync(client, systemKey, "flooder", cancellationToken);
        var users = Enumerable.Range(0, settings.Users).Select(i => $"abuse-{i}").ToList();
        foreach (var key in new[] { reader, flooder })
        {
            await BenchTenant.GiveFirstViewsAsync(new RawGraphQL(http, endpoint, key), users, cancellationToken);
        }

        // Seeded, the flooder goes back to the default limit (a changed limit applies at once on this node).
        await client.ExecuteAsync(systemKey, "mutation($i: SetTenantRateLimitInput!) { setTenantRateLimit(input: $i) { id } }",
            new { i = new { tenantId = flooderId, requestsPerSecond = DefaultLimit } }, cancellationToken);

        console.MarkupLineInterpolated($"Reader at {settings.ReadsPerSecond}/s, flooder at {settings.FloodPerSecond}/s (its limit {DefaultLimit}/s), {settings.Seconds} s each.");
        var duration = TimeSpan.FromSeconds(settings.Seconds);
        var latency = new LatencyBench(http, endpoint);
        var alone = new ProgressLine("reads alone", settings.ReadsPerSecond * settings.Seconds);
        var floods = Floods.Select(f => (f.Name, f.Queries, Reads: new ProgressLine($"reads during the flood of {f.Name}", settings.ReadsPerSecond * settings.Seconds), Sent: new ProgressLine($"flood of {f.Name}", settings.FloodPerSecond * settings.Seconds))).ToList();
        var runtime = new GatewayRuntime(http, endpoint);
        var (quiet, flooded) = await ConsoleProgress.RunAsync(console, [alone, .. floods.SelectMany(f => new[] { f.Reads, f.Sent })], async () =>
        {
            LatencyBench.SettleClientHeap();
            var quiet = await latency.RunAsync(reader, users, settings.ReadsPerSecond, duration, alone, cancellationToken);
            var flooded = new List<FloodRun>();
            foreach (var (name, queries, readsLine, sentLine) in floods)
            {
                LatencyBench.SettleClientHeap();
                var before = await runtime.ReadAsync(cancellationToken);
                var floodTask = FloodAsync(flooder, users, queries, settings.FloodPerSecond, duration, sentLine, cancellationToken);
                var busy = await latency.RunAsync(reader, users, settings.ReadsPerSecond, duration, readsLine, cancellationToken);
                var counts = await floodTask;
                var after = await runtime.ReadAsync(cancellationToken);
                var seconds = (after.At - before.At).TotalSeconds;
                flooded.Add(new FloodRun(name, busy, counts, new CpuShares((after.Gateway.CpuSeconds - before.Gateway.CpuSeconds) / seconds, (after.ClientCpu - before.ClientCpu).TotalSeconds / seconds)));
            }

            return (quiet, flooded);
        });

        var results = new List<BenchResult> { new("reader's errors alone", $"{quiet.Errors:N0}", "0", quiet.Errors == 0) };
        results.AddRange(flooded.SelectMany(f => Results(quiet, f)));
        BenchReport.Print(console, "abuse budget", results);
        await BenchReport.WriteAsync(reportPath, "abuse", "abuse budget", Method, results, cancellationToken);
        console.MarkupLineInterpolated($"Written to {reportPath}.");
        return results.Any(r => r.Error) ? 1 : 0;
    }

    /// <summary>What became of the flooder's requests; of those that asked for an aggregate, how many got it run.</summary>
    public sealed record FloodCounts(long Sent, long Answered, long Refused, long Failed, long AggregatesAsked = 0, long AggregatesRun = 0);

    /// <summary>Cores busy during a flood, from the gateway's and the bench client's own CPU time.</summary>
    public sealed record CpuShares(double Gateway, double Client);

    /// <summary>One flood: the reader's latencies meanwhile, what became of the flooder's requests, and the CPU used.</summary>
    public sealed record FloodRun(string Name, LatencyBench.Result Reads, FloodCounts Counts, CpuShares Cpu);

    public static List<BenchResult> Results(LatencyBench.Result quiet, FloodRun flood)
    {
        var results = new List<BenchResult>();
        var during = $"during the flood of {flood.Name}";
        if (quiet.SortedMilliseconds.Count == 0 || flood.Reads.SortedMilliseconds.Count == 0)
        {
            results.Add(BenchResult.Untrusted($"reader's user(id) p99 {during} ÷ alone", $"≤ {MaxSlowdown}×", "no read was answered in one of the runs"));
        }
        else
        {
            var (p99Alone, p99Busy) = (Percentiles.Of(quiet.SortedMilliseconds, 99), Percentiles.Of(flood.Reads.SortedMilliseconds, 99));
            results.Add(new BenchResult(
                $"reader's user(id) p99 {during} ÷ alone", $"{p99Busy / p99Alone:F2}× ({p99Busy:F1} ms)", $"≤ {MaxSlowdown}× and ≤ {ReadP99TargetMs} ms",
                p99Busy / p99Alone <= MaxSlowdown && p99Busy <= ReadP99TargetMs, $"alone {quiet.Summary()}; during {flood.Reads.Summary()}"));
        }

        results.Add(new BenchResult($"reader's errors {during}", $"{flood.Reads.Errors:N0}", "0", flood.Reads.Errors == 0));
        var counts = flood.Counts;
        results.Add(new BenchResult(
            $"flooder's requests ({flood.Name})", $"{counts.Sent:N0} sent: {counts.Answered:N0} answered, {counts.Refused:N0} refused (429), {counts.Failed:N0} failed otherwise", "",
            Note: $"its limit is {DefaultLimit} requests/s on this node"));
        if (counts.AggregatesAsked > 0)
        {
            results.Add(new BenchResult(
                $"flooder's aggregates run ({flood.Name})", $"{counts.AggregatesRun:N0} of {counts.AggregatesAsked:N0} admitted requests that asked for one", "",
                Note: "the others answered with an error for it (RATE_LIMITED when the tenant's turns or aggregate time refused it: docs/api.md#rate-limiting), the profile read of the same request answered"));
        }
        results.Add(flood.Cpu.Gateway < 0 || flood.Cpu.Client < 0
            ? BenchResult.Untrusted($"cores busy {during}", "", "a CPU counter went backwards: the gateway restarted, or another node answered /metrics")
            : new BenchResult($"cores busy {during}", $"gateway {flood.Cpu.Gateway:F2}, bench client {flood.Cpu.Client:F2}", "", Note: $"of the machine's {Environment.ProcessorCount}; PostgreSQL and the rest use what is left"));
        return results;
    }

    private async Task<FloodCounts> FloodAsync(
        string key, IReadOnlyList<string> users, string[] queries, int perSecond, TimeSpan duration, ProgressLine progress, CancellationToken cancellationToken)
    {
        var random = new Random(3);
        long answered = 0, refused = 0, failed = 0, aggregatesAsked = 0, aggregatesRun = 0;
        var total = (long)(perSecond * duration.TotalSeconds);
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (long n = 0; n < total; n++)
        {
            var due = TimeSpan.FromSeconds((double)n / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var query = queries[n % queries.Length];
            var asksAggregate = query.Contains("audienceSummary", StringComparison.Ordinal);
            var body = JsonSerializer.Serialize(new { query, variables = new { id = users[random.Next(users.Count)] } });
            inFlight.Add(Task.Run(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("X-Api-Key", key);
                try
                {
                    using var response = await http.SendAsync(request, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref answered);
                        if (asksAggregate)
                        {
                            Interlocked.Increment(ref aggregatesAsked);
                            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
                            if (answer.Contains("\"audienceSummary\":{", StringComparison.Ordinal))
                            {
                                Interlocked.Increment(ref aggregatesRun);
                            }
                        }
                    }
                    else if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        Interlocked.Increment(ref refused);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }, cancellationToken));
            progress.Value = n + 1;
            inFlight.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(inFlight);
        return new FloodCounts(total, answered, refused, failed, aggregatesAsked, aggregatesRun);
    }
}
