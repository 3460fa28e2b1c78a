using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Platform.Cli.Bench;

/// <summary>
/// A read of one user (by default user(id)) at a fixed request rate (open loop: a request goes out on schedule whether or
/// not earlier ones have answered), for random users or each user once; latency is from sending to the full response.
/// </summary>
public sealed class LatencyBench(HttpClient http, Uri endpoint, string query = LatencyBench.UserQuery)
{
    public const string UserQuery = "query($id: ID!) { user(id: $id) { id purchases revenue rfm { segment recencyDays } interestTags categoryAffinities { key score } } }";

    /// <summary>The same profile with what PostgreSQL holds beside it: stored attributes, model scores and named segments.</summary>
    public const string UserWithStoredQuery = "query($id: ID!) { user(id: $id) { id purchases revenue rfm { segment recencyDays } interestTags categoryAffinities { key score } attributes { age } scores { propensity } segments } }";

    /// <summary>
    /// A full blocking collection of the bench process's own heap (it holds the ingest workload): called before a measured
    /// run, so that the client's collections of what it allocated earlier stay out of the latencies it measures.
    /// </summary>
    public static void SettleClientHeap() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

    public sealed record Result(IReadOnlyList<double> SortedMilliseconds, double AchievedRate, int Errors)
    {
        /// <summary>p50, p95, p99 and max, as the bench tables print them.</summary>
        public string Summary() => SortedMilliseconds.Count == 0
            ? $"no request answered ({Errors:N0} errors)"
            : $"p50 {Percentiles.Of(SortedMilliseconds, 50):F1} ms, p95 {Percentiles.Of(SortedMilliseconds, 95):F1} ms, p99 {Percentiles.Of(SortedMilliseconds, 99):F1} ms, max {SortedMilliseconds[^1]:F1} ms";
    }

    public Task<Result> RunAsync(string apiKey, IReadOnlyList<string> userIds, int perSecond, TimeSpan duration, ProgressLine progress, CancellationToken cancellationToken)
    {
        var random = new Random(5);
        var total = (int)(perSecond * duration.TotalSeconds);
        return SendAsync(apiKey, [.. Enumerable.Range(0, total).Select(_ => userIds[random.Next(userIds.Count)])], perSecond, progress, cancellationToken);
    }

    /// <summary>Every user once, in a shuffled order, at the rate: for users read for the first time, each request is their first.</summary>
    public Task<Result> EachOnceAsync(string apiKey, IReadOnlyList<string> userIds, int perSecond, ProgressLine progress, CancellationToken cancellationToken)
    {
        var shuffled = userIds.ToArray();
        new Random(5).Shuffle(shuffled);
        return SendAsync(apiKey, shuffled, perSecond, progress, cancellationToken);
    }

    private async Task<Result> SendAsync(string apiKey, IReadOnlyList<string> userIds, int perSecond, ProgressLine progress, CancellationToken cancellationToken)
    {
        var client = new RawGraphQL(http, endpoint, apiKey);
        var total = userIds.Count;
        var bodies = userIds.Select(id => JsonSerializer.Serialize(new { query, variables = new { id } })).ToList();
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var body = bodies[i];
            inFlight.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    await client.PostAsync(body, cancellationToken);
                    latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }
                catch (Exception exception) when (exception is HttpRequestException or GraphQLClientException)
                {
                    Interlocked.Increment(ref errors);
                }
            }, cancellationToken));
            progress.Value = i + 1;
        }

        await Task.WhenAll(inFlight);
        var elapsed = clock.Elapsed.TotalSeconds;
        return new Result(latencies.Order().ToList(), total / elapsed, errors);
    }
}
