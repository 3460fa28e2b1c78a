using Platform.Cli.Bench;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// `bench ingest`: sustained GraphQL ingest (cold and warm) against a binary COPY of the same rows, user(id)
/// latency at a fixed rate, audienceSummary over a large audience, and memory per active profile — against a
/// running platform, in a fresh tenant. Prints a table and writes docs/benchmarks.md.
/// </summary>
public sealed class BenchCommand(HttpClient http, Uri endpoint, GraphQLClient client, IAnsiConsole console)
{
    /// <summary>Requests at the measured rate before measuring, so the read path is compiled and its caches filled.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    /// <param name="ViaSegment">Also send the warm pass's events through the tracker source (Segment batches) and compare.</param>
    /// <param name="SecondNode">The GraphQL endpoint of a second node of the cluster: a last warm pass spreads the clients over both.</param>
    public sealed record Settings(int Users = 10_000, int Rate = 500, int LatencySeconds = 20, int AudienceUsers = 100_000, bool ViaSegment = false, Uri? SecondNode = null);

    private const string Method = """
        - **Ingest** — the simulated shop's events (`src/Platform.Simulation`, about 30 per user) in time order, so
          every batch interleaves many users as live traffic does; `ingestEvents` over loopback HTTP, batches of
          1,000, 4 concurrent clients, each call answered after the commit (durable); the users' grains fold the
          events into their live profiles as the tenant feed delivers them. *Cold*: every user is new (its grain activates and reads its state first).
          *Warm*: the same events again under new ids, to users whose grains are active — the sustained case.
        - **Binary COPY** — the warm pass's rows, validated, written with one `COPY … (FORMAT BINARY)` into a scratch
          table with the event log's columns and indexes, from the same machine in the same run. The ratio is API
          throughput ÷ COPY throughput: what idempotency, sequencing, validation, HTTP/GraphQL and live profiles cost.
          Target: cold ≥ 25 %, warm ≥ 35 %; a share above 100 % is an ERROR (the COPY pass was disturbed). At the end of
          the run the same rows are copied into the event log itself (under a scratch tenant, rolled back; last, so that
          vacuuming them does not disturb the other passes): the table the API writes to, whose indexes hold every earlier
          run's rows. The shares against it are printed beside; the target is judged against the empty table, as it was
          set. Both COPYs are timed to the end of the COPY, without the commit.
        - **Two nodes** (`--second-node`, after `./platform up --nodes 2`) — the cluster has two gateway nodes for the
          whole run: the passes above send every request to the first node (the grains run on both), and a further warm pass
          after them sends the same events under new ids with 2 clients on each node, onto a log half as large again. Memory
          per profile then adds both nodes' heaps and user grains. The ratio is against the warm pass whose requests all went
          to the first node; with both nodes on one machine it shows what spreading the requests costs or gains there, not
          what a second machine would add.
        - **Tracker source** (`--via segment`) — after the COPY, the same events once more under new ids, as the Segment
          spec's track messages (`Product Viewed`, `Order Completed`, …) in `/tracker/v1/batch` requests of 1,000
          messages (at most 450 KB; uncompressed JSON, as `@segment/analytics-node` sends), 4 concurrent clients, to the
          same warm users; each request answered after the commit. The ratio is against the warm `ingestEvents` pass of the same run.
        - **Profiles up to date** — acknowledged events are folded into live profiles asynchronously (the tenant feed
          delivers the log to the users' grains); the time from the last acknowledged batch until the profile
          projection holds the log's last event.
        - **user(id)** — once profiles are up to date, an open-loop client sends requests on a fixed schedule (not
          waiting for answers) for random users of the bench tenant, 5 s unmeasured and then the measured run;
          latency is from sending to the complete response. The bench tenant's rate limit is raised so that the limiter is not what is measured.
          The query asks for the live profile alone (one grain call, no database round trip); a second run of the same
          length, after its own warm-up, asks also for the stored attributes, model scores and named segments (two
          PostgreSQL reads more).
        - **Where the user(id) tail comes from** — the gateway's /metrics read before and after the measured run (and
          its thread-pool queue every half second during it): ASP.NET's own histogram of /graphql POST durations (the time
          inside the gateway, bucketed by powers of two), the runtime's garbage collections and pause time, lock
          contentions, the idle grains Orleans deactivated, and the process's CPU; beside them the bench client's own CPU and
          collection pauses. The bench collects its own heap (it holds the ingest workload) before each measured read run, so
          that its collections stay out of the latencies; if the readings cannot be divided (another node answered, a
          counter went backwards) the line is an ERROR.
        - **audienceSummary** — the tenant's users (attributes and projection rows the platform wrote) are copied
          under new ids in PostgreSQL up to the audience size and vacuumed (as autovacuum would have); the query then runs 5 times for everyone and 5 times
          for a rule (`rfm.r >= 3 and purchases > 0`); median and worst are reported.
        - **Memory per active profile** — the gateway's `POST /operator/heap` (system key) runs full blocking collections
          and answers the node's live managed heap and the user grains its silo holds; read before the cold pass and once
          profiles are up to date, the heap's growth divided by the growth in user grains. Garbage is not counted. Other
          tenants' grains that come or go meanwhile count in both figures; anything else that grows meanwhile (caches,
          buffers) counts in the heap only and raises the figure. Fewer new user grains than 90% of the bench's users, or
          less per activation than the profile alone, means other activity disturbed the readings: the line is an ERROR
          and the bench exits with status 1. The target, ≤ 8 KB, puts a million active shoppers in 8 GB of a
          node's heap.
          *Of which the profile itself*: the same events folded into profiles inside the bench process, each read
          back from its JSON snapshot as an activating grain does, measured as live heap after a full collection; the
          ids it shares with other profiles (one copy each, `IdPool`) are not counted.
        """;

    public async Task<int> RunAsync(string systemKey, string connectionString, Settings settings, string reportPath, CancellationToken cancellationToken)
    {
        var (tenantId, admin) = await BenchTenant.CreateAsync(client, systemKey, "bench", cancellationToken);

        console.MarkupLineInterpolated($"Benchmark tenant [bold]{tenantId}[/]; simulating {settings.Users:N0} users…");
        var workload = IngestBench.Prepare(settings.Users, DateTimeOffset.UtcNow, settings.ViaSegment, spread: settings.SecondNode is not null);
        Uri[] nodes = settings.SecondNode is { } second ? [endpoint, second] : [endpoint];
        var ingest = new IngestBench(http, endpoint, connectionString);
        var heaps = nodes.Select(node => new NodeHeap(http, node, systemKey)).ToList();
        var latency = new LatencyBench(http, endpoint);
        var runtime = new GatewayRuntime(http, endpoint);
        var audience = new AudienceBench(client, connectionString);

        var cold = new ProgressLine("ingest, cold", workload.Events);
        var warm = new ProgressLine("ingest, warm", workload.Events);
        var reads = new ProgressLine("user(id)", settings.Rate * settings.LatencySeconds);
        var withStored = new ProgressLine("user(id) with stored parts", settings.Rate * settings.LatencySeconds);
        var summaries = new ProgressLine("audienceSummary", 10);
        var tracked = new ProgressLine("tracker source, warm", workload.Events);
        var spread = new ProgressLine("ingest, warm, both nodes", workload.Events);
        ProgressLine[] lines = [cold, warm, .. nodes.Length > 1 ? [spread] : Array.Empty<ProgressLine>(), .. settings.ViaSegment ? [tracked] : Array.Empty<ProgressLine>(), reads, withStored, summaries];
        var results = await ConsoleProgress.RunAsync(console, lines, async () =>
        {
            var before = await NodeHeap.ReadAllAsync(heaps, cancellationToken);
            var coldRate = await ingest.RunAsync(admin, workload.ColdBodies, workload.Events, cold, cancellationToken);
            var warmRate = await ingest.RunAsync(admin, workload.WarmBodies, workload.Events, warm, cancellationToken);
            warm.Status = "profiles catching up";
            var lag = await ingest.WaitForProfilesAsync(tenantId, cancellationToken);
            warm.Status = null;
            var after = await NodeHeap.ReadAllAsync(heaps, cancellationToken);
            var spreadRate = nodes.Length > 1 ? await SpreadPassAsync(ingest, admin, tenantId, nodes, workload, spread, cancellationToken) : (double?)null;
            var copyRate = await ingest.CopyAsync(tenantId, workload.WarmRows, intoLog: false, cancellationToken);
            var trackerRate = settings.ViaSegment ? await TrackerPassAsync(ingest, admin, tenantId, workload, tracked, cancellationToken) : (double?)null;
            reads.Status = "warming up";
            await latency.RunAsync(admin, workload.UserIds, settings.Rate, WarmUp, new ProgressLine("warm-up", 1), cancellationToken);
            reads.Status = null;
            var (read, during, runtimeError) = await WithRuntimeAsync(runtime, () =>
                latency.RunAsync(admin, workload.UserIds, settings.Rate, TimeSpan.FromSeconds(settings.LatencySeconds), reads, cancellationToken), cancellationToken);
            var stored = new LatencyBench(http, endpoint, LatencyBench.UserWithStoredQuery);
            withStored.Status = "warming up";
            await stored.RunAsync(admin, workload.UserIds, settings.Rate, WarmUp, new ProgressLine("warm-up", 1), cancellationToken);
            withStored.Status = null;
            LatencyBench.SettleClientHeap();
            var readWithStored = await stored.RunAsync(admin, workload.UserIds, settings.Rate, TimeSpan.FromSeconds(settings.LatencySeconds), withStored, cancellationToken);
            summaries.Status = $"copying users up to {settings.AudienceUsers:N0}";
            var size = await audience.GrowAsync(tenantId, settings.AudienceUsers, cancellationToken);
            summaries.Status = null;
            var everyone = await audience.TimeAsync(admin, new { all = true }, 5, cancellationToken);
            summaries.Value = 5;
            var rule = new { all = new object[] { new { field = "rfm.r", op = "GTE", number = 3 }, new { field = "purchases", op = "GT", number = 0 } } };
            var ruled = await audience.TimeAsync(admin, new { rule }, 5, cancellationToken);
            summaries.Value = 10;

            // Last: the rows it rolls back are left for vacuum, which must not run during the other passes.
            var copyIntoLogRate = await ingest.CopyAsync(tenantId, workload.WarmRows, intoLog: true, cancellationToken);

            var p99 = Percentiles.Of(read.SortedMilliseconds, 99);
            var throughTracker = trackerRate is { } rate
                ? new List<BenchResult>
                {
                    new("tracker source, warm (Segment batches)", $"{rate:N0} events/s", Note: $"{workload.Events:N0} events in {workload.TrackerBodies.Count:N0} batches"),
                    new("tracker source ÷ ingestEvents, warm", $"{rate / warmRate:P0}", "≥ 80%", rate / warmRate >= 0.8, "same events, same run"),
                }
                : [];
            var active = workload.UserIds.Count;
            var profileItself = ProfileMemory.BytesPerProfile(workload.WarmRows);
            var memory = ProfileMemory.Of(before, after, active, profileItself);
            List<BenchResult> table =
            [
                new("ingest, cold (new users)", $"{coldRate:N0} events/s", Note: $"{workload.Events:N0} events of {active:N0} users"),
                new("ingest, warm (sustained)", $"{warmRate:N0} events/s", "≥ 20,000 events/s", warmRate >= 20_000, $"{workload.Events:N0} events"),
                new("profiles up to date after the last acknowledged batch", $"{lag.TotalSeconds:F1} s", Note: "live profiles are folded asynchronously from the log"),
                new("binary COPY of the same rows", $"{copyRate:N0} rows/s", Note: "into an empty copy of the event log; same machine, same run"),
                CopyShare(coldRate / copyRate, warmRate / copyRate),
                CopyIntoLog(copyIntoLogRate, coldRate / copyIntoLogRate, warmRate / copyIntoLogRate),
                .. spreadRate is { } both
                    ? [new BenchResult("ingest, warm, requests to both nodes", $"{both:N0} events/s", Note: $"÷ the warm pass with every request to the first node: {both / warmRate:P0}; both nodes on this machine")]
                    : Array.Empty<BenchResult>(),
                .. throughTracker,
                new($"user(id) at {settings.Rate} req/s", read.Summary(),
                    "p99 ≤ 10 ms", p99 <= 10, $"{read.SortedMilliseconds.Count:N0} requests at {read.AchievedRate:N0}/s, {read.Errors} errors"),
                new($"user(id) with attributes, scores and segments at {settings.Rate} req/s", readWithStored.Summary(),
                    Note: $"{readWithStored.SortedMilliseconds.Count:N0} requests at {readWithStored.AchievedRate:N0}/s, {readWithStored.Errors} errors; two PostgreSQL reads more per request than the profile alone"),
                .. TailLines(during, runtimeError),
                new($"audienceSummary, everyone ({everyone.Users:N0} users)", $"median {everyone.Milliseconds[2]:N0} ms, worst {everyone.Milliseconds[^1]:N0} ms",
                    "≤ 1 s", everyone.Milliseconds[^1] <= 1000, $"{size:N0} projection rows"),
                new($"audienceSummary, a rule ({ruled.Users:N0} match)", $"median {ruled.Milliseconds[2]:N0} ms, worst {ruled.Milliseconds[^1]:N0} ms", "≤ 1 s", ruled.Milliseconds[^1] <= 1000),
                MemoryLine(memory, after),
                new("of which the profile itself", $"{profileItself / 1024:F1} KB", Note: "live heap after a full collection, profiles read back from JSON; the rest is the grain activation"),
            ];
            return table;
        });

        BenchReport.Print(console, "ingest, reads and audiences", results);
        await BenchReport.WriteAsync(reportPath, "ingest", "ingest, reads and audiences", Method, results, cancellationToken);
        console.MarkupLineInterpolated($"Written to {reportPath}.");
        return results.Any(r => r.Error) ? 1 : 0;
    }

    /// <summary>
    /// Runs the measured reads between two readings of the gateway's runtime figures, its thread-pool queue sampled
    /// meanwhile, after settling the client's own heap (so that neither its collection nor its pauses are in the figures).
    /// </summary>
    private static async Task<(LatencyBench.Result Read, GatewayRuntime.During? During, string? Error)> WithRuntimeAsync(
        GatewayRuntime runtime, Func<Task<LatencyBench.Result>> run, CancellationToken cancellationToken)
    {
        LatencyBench.SettleClientHeap();
        var before = await runtime.ReadAsync(cancellationToken);
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = runtime.MaxQueueLengthAsync(stopSampling.Token);
        LatencyBench.Result read;
        try
        {
            read = await run();
        }
        finally
        {
            await stopSampling.CancelAsync();
        }

        var maxQueue = await queue;
        var (during, error) = GatewayRuntime.Between(before, await runtime.ReadAsync(cancellationToken), maxQueue, read.SortedMilliseconds.Count);
        return (read, during, error);
    }

    /// <summary>Where the user(id) tail comes from: the gateway's own time, its collections, and CPU beside the client's.</summary>
    private static IEnumerable<BenchResult> TailLines(GatewayRuntime.During? during, string? error)
    {
        if (during is null)
        {
            yield return BenchResult.Untrusted("user(id): where the time goes", "", error!);
            yield break;
        }

        yield return new("user(id): the gateway's own time", $"p99 ≤ {during.ServerP99Milliseconds:F0} ms",
            Note: $"ASP.NET's histogram of /graphql POSTs during the run ({during.Requests:N0}, the demo stream's included); the client's p99 beyond it is the client, the loopback and waiting for a core");
        yield return new("user(id): garbage collection during the run", $"{during.PauseSeconds * 1000:N0} ms paused ({during.PauseSeconds / during.Seconds:P1} of the run)",
            Note: $"gen0 {during.Gen0:N0}, gen1 {during.Gen1:N0}, gen2 {during.Gen2:N0} collections");
        var queue = during.MaxQueueLength is { } q ? $"at most {q:N0} (read every 0.5 s)" : "not read (no sample answered)";
        var collected = during.UserGrainsCollected is { } c ? $"{c:N0} idle user grains deactivated" : "no user grain collection reported by Orleans";
        yield return new("user(id): CPU during the run", $"gateway {during.CpuCores:F2}, bench client {during.ClientCores:F2} of {Environment.ProcessorCount} cores; the client paused {during.ClientPausedSeconds * 1000:N0} ms in its own GC",
            Note: $"PostgreSQL, the worker and the demo stream share the rest; gateway thread-pool queue {queue}, {during.LockContentions:N0} lock contentions; {collected}");
    }

    private static BenchResult MemoryLine(ProfileMemory.Measure memory, NodeHeap.Figures after)
    {
        const string Metric = "memory per active profile (live heap)";
        const string Target = "≤ 8 KB";
        if (memory.BytesPerActivation is not { } bytes)
        {
            return BenchResult.Untrusted(Metric, Target, memory.Error!);
        }

        var kilobytes = bytes / 1024;
        return new(Metric, $"{kilobytes:F1} KB", Target, kilobytes <= 8, $"{memory.Activations:N0} user grains activated ({after.UserGrains:N0} on the node)");
    }

    /// <summary>The warm events again through the tracker source with a TRACKER key of the bench tenant, until the profiles hold them.</summary>
    private async Task<double> TrackerPassAsync(IngestBench ingest, string admin, string tenantId, IngestBench.Workload workload, ProgressLine progress, CancellationToken cancellationToken)
    {
        var created = await client.ExecuteAsync(admin, "mutation { createApiKey(input: { role: TRACKER, name: \"bench\" }) { secret } }", cancellationToken: cancellationToken);
        var writeKey = created.GetProperty("createApiKey").GetProperty("secret").GetString()!;
        var rate = await ingest.RunTrackerAsync(writeKey, workload.TrackerBodies, workload.Events, progress, cancellationToken);
        progress.Status = "profiles catching up";
        await ingest.WaitForProfilesAsync(tenantId, cancellationToken);
        progress.Status = null;
        return rate;
    }

    /// <summary>The warm pass's events again under new ids, the clients spread over the nodes; waits for profiles as the warm pass does.</summary>
    private static async Task<double> SpreadPassAsync(
        IngestBench ingest, string admin, string tenantId, IReadOnlyList<Uri> nodes, IngestBench.Workload workload, ProgressLine progress, CancellationToken cancellationToken)
    {
        var rate = await ingest.RunSpreadAsync(admin, nodes, workload.SpreadBodies, workload.Events, progress, cancellationToken);
        progress.Status = "profiles catching up";
        await ingest.WaitForProfilesAsync(tenantId, cancellationToken);
        progress.Status = null;
        return rate;
    }

    /// <summary>The COPY into the event log itself and the shares against it; above 1 the COPY pass was disturbed, and no ratio is given.</summary>
    private static BenchResult CopyIntoLog(double rate, double cold, double warm)
    {
        const string metric = "binary COPY into the event log itself";
        return cold > 1 || warm > 1
            ? BenchResult.Untrusted(metric, "", $"the API outran a bare COPY of the same rows into the log (cold {cold:P0}, warm {warm:P0}): the COPY pass was disturbed")
            : new BenchResult(metric, $"{rate:N0} rows/s", Note: $"the table the API writes to, at its size; rolled back; ingest ÷ this COPY: cold {cold:P1}, warm {warm:P1}");
    }

    /// <summary>What the API achieves of a bare COPY of the same rows; above 1 the COPY pass was disturbed, and no ratio is given.</summary>
    private static BenchResult CopyShare(double cold, double warm)
    {
        const string metric = "ingest ÷ COPY", target = "cold ≥ 25 %, warm ≥ 35 %";
        return cold > 1 || warm > 1
            ? BenchResult.Untrusted(metric, target, $"the API outran a bare COPY of the same rows (cold {cold:P0}, warm {warm:P0}): the COPY pass was disturbed")
            : new BenchResult(metric, $"cold {cold:P1}, warm {warm:P1}", target, cold >= 0.25 && warm >= 0.35);
    }
}
