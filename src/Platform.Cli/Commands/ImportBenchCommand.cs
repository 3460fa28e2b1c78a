using System.Diagnostics;
using System.Text.Json;
using Platform.Cli.Bench;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// `bench import`: a generated history imported as a CSV file through importDataset, in two shapes (many shoppers with a
/// few events each, few shoppers with many), each in a fresh tenant: rows per second, the time until every profile is
/// exact, the worker's memory, and the acknowledgement time of live ingest during each import against an idle platform.
/// Prints a table and writes docs/benchmarks.md.
/// </summary>
public sealed class ImportBenchCommand(HttpClient http, Uri endpoint, GraphQLClient client, ImportCommand importer, IAnsiConsole console)
{
    private static readonly TimeSpan IdleProbe = TimeSpan.FromSeconds(30);

    public sealed record Settings(int Rows = 1_000_000, int WideShoppers = 200_000, int NarrowShoppers = 1_000);

    private const string Method = """
        - **History** — a generated shop: views (70%), cart adds (20%) and purchases (10%) of 500 items over the last 90 days,
          in time order, so that every batch of the import interleaves many shoppers. *Many shoppers* (`--many-shoppers`,
          default 200,000) and *few shoppers* (`--few-shoppers`, default 1,000) share the number of events (`--rows`, default
          1,000,000). Written to a CSV file before the clock starts.
        - **Import** — `importDataset(kind: EVENTS)` (the CLI's `import events`), from the upload until the job reports
          SUCCEEDED, each shape in a fresh tenant, one after the other. The worker validates and appends batches of 2,000
          rows; the profiles of shoppers without a live grain (all of them here) are folded by the worker once every batch
          is in, before the job ends (docs/imports.md#history-and-profiles).
        - **Profiles exact** — from the job's end until every shopper's row in the profile projection holds that shopper's last
          logged event (what audiences read).
        - **Live ingest** — meanwhile a storefront of another tenant sends `ingestEvents` requests of 10 views (to 200 shoppers
          whose grains are warm) every 100 ms and times each acknowledgement: after 30 s of warm-up (a node started a moment
          ago still compiles its hot paths), for 30 s before the imports and 30 s after them
          (the idle figure is the lower p99 of the two; none when they differ by more than 2×), and throughout each import.
          Each time runs from when the request was due, so a stall counts for the requests it delays. Before the idle
          windows and before each import the database writes its dirty pages (`CHECKPOINT`, unmeasured), so that no
          window pays for the writes of the one before. Target: p99 during an import within 2× of idle.
        - **One-row commits** — in the same windows, the bench commits a one-row `INSERT` into a scratch table of the
          platform's database every 100 ms on a connection of its own (timed the same way, dropped at the end): what a
          commit costs the database at that moment without the gateway, so that a live stall can be told to be the
          database's commit (its WAL flush behind the import's writes) or not. No target.
        - **Worker memory** — the worker process's resident memory (`VmRSS`, read every 200 ms; its pid from the keys file's
          folder), at the start of each shape and its peak during it.
        """;

    public async Task<int> RunAsync(string systemKey, string connectionString, int? workerPid, Settings settings, string reportPath, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var results = new List<BenchResult>();
        var rates = new List<double>();
        var (_, storefront) = await BenchTenant.CreateAsync(client, systemKey, "imp-live", cancellationToken);
        var live = new LiveIngestProbe(new RawGraphQL(http, endpoint, storefront));
        await using var commits = await CommitProbe.OpenAsync(connectionString, cancellationToken);
        await live.WarmAsync(cancellationToken);
        await IdleWindowAsync(live, commits, "to warm up: a node started a moment ago still compiles its hot paths", cancellationToken);
        await SettleAsync(connectionString, cancellationToken);
        var idleBefore = await IdleWindowAsync(live, commits, "before the imports", cancellationToken);
        var during = new List<(string Shape, IReadOnlyList<double> Times)>();
        var commitsDuring = new List<(string Shape, IReadOnlyList<double> Times)>();

        foreach (var (name, shoppers) in new[] { ("many shoppers", settings.WideShoppers), ("few shoppers", settings.NarrowShoppers) })
        {
            var file = Path.Combine(Path.GetTempPath(), $"platform-bench-import-{shoppers}.csv");
            console.MarkupLineInterpolated($"Writing {settings.Rows:N0} events of {shoppers:N0} shoppers to {file}…");
            await ImportBench.WriteHistoryAsync(file, shoppers, settings.Rows, now, cancellationToken);
            var (tenantId, admin) = await BenchTenant.CreateAsync(client, systemKey, $"imp-{shoppers}", cancellationToken);

            await SettleAsync(connectionString, cancellationToken);
            await using var memory = new ImportBench.ResidentMemory(workerPid);
            memory.Start();
            using var importing = new CancellationTokenSource();
            var probing = live.RunAsync(importing.Token);
            var committing = commits.RunAsync(importing.Token);
            var clock = Stopwatch.StartNew();
            JsonElement job;
            try
            {
                job = await importer.ImportAsync(admin, "events", file, null, cancellationToken);
            }
            finally
            {
                await importing.CancelAsync();
            }

            var imported = clock.Elapsed;
            during.Add((name, await probing));
            commitsDuring.Add((name, await committing));
            if (job.GetProperty("status").GetString() != "SUCCEEDED" || job.GetProperty("rowsAccepted").GetInt64() != settings.Rows)
            {
                results.Add(BenchResult.Untrusted($"import, {name}", "≥ 10,000 rows/s", $"the import did not accept every row: {job}"));
                continue;
            }

            var exact = await ImportBench.WaitUntilExactAsync(connectionString, tenantId, TimeSpan.FromMinutes(10), cancellationToken);
            File.Delete(file);
            var rate = settings.Rows / imported.TotalSeconds;
            rates.Add(rate);
            results.Add(new($"import, {name}", $"{rate:N0} rows/s", "≥ 10,000 rows/s", rate >= 10_000,
                $"{settings.Rows:N0} events of {shoppers:N0} shoppers in {imported.TotalSeconds:N0} s"));
            results.Add(new($"profiles exact after the import, {name}", $"{exact.TotalSeconds:F1} s", Note: "until the projection holds every shopper's last event"));
            results.Add(memory.PeakBytes is { } peak && memory.BaselineBytes is { } baseline
                ? new($"worker memory, {name}", $"peak {peak / 1048576.0:N0} MB", Note: $"{baseline / 1048576.0:N0} MB at the start of the shape")
                : new($"worker memory, {name}", "not read", Note: "no worker process to read (its pid file is beside the keys file)"));
        }

        if (rates.Count == 2)
        {
            var ratio = rates.Max() / rates.Min();
            results.Add(new("fastest shape ÷ slowest", $"{ratio:F2}×", "≤ 2×", ratio <= 2, "same run"));
        }

        await SettleAsync(connectionString, cancellationToken);
        var idleAfter = await IdleWindowAsync(live, commits, "after the imports", cancellationToken);
        results.AddRange(LiveResults(idleBefore.Live, idleAfter.Live, during));
        results.AddRange(CommitResults(idleBefore.Commits, idleAfter.Commits, commitsDuring));
        if (unsettled is not null)
        {
            results.Add(new("dirty pages written before each window", "no", Note: $"CHECKPOINT refused ({unsettled}): a window may pay for the writes of the one before"));
        }

        BenchReport.Print(console, "history import", results);
        await BenchReport.WriteAsync(reportPath, "import", "history import", Method, results, cancellationToken);
        console.MarkupLineInterpolated($"Written to {reportPath}.");
        return results.Any(r => r.Error) ? 1 : 0;
    }

    private const int EnoughRequests = 100;

    private string? unsettled;

    private async Task SettleAsync(string connectionString, CancellationToken cancellationToken)
    {
        console.MarkupLine("Writing the database's dirty pages to disk (CHECKPOINT) before the next window…");
        unsettled ??= await ImportBench.SettleAsync(connectionString, cancellationToken);
    }

    private async Task<(IReadOnlyList<double> Live, IReadOnlyList<double> Commits)> IdleWindowAsync(
        LiveIngestProbe live, CommitProbe commits, string when, CancellationToken cancellationToken)
    {
        console.MarkupLineInterpolated($"Timing live ingest on the idle platform for {IdleProbe.TotalSeconds:N0} s ({when})…");
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(IdleProbe);
        var committing = commits.RunAsync(window.Token);
        return (await live.RunAsync(window.Token), await committing);
    }

    /// <summary>The database's own commit times in each window, beside the live requests': where a live stall comes from (no target).</summary>
    private static IEnumerable<BenchResult> CommitResults(
        IReadOnlyList<double> before, IReadOnlyList<double> after, IReadOnlyList<(string Shape, IReadOnlyList<double> Times)> during)
    {
        yield return new BenchResult("one-row commit p99, idle", $"{Math.Min(Percentiles.Of(before, 99), Percentiles.Of(after, 99)):F1} ms",
            Note: $"lower of before {Commits(before)}; after {Commits(after)}; straight to the database, beside the live requests");
        foreach (var (shape, times) in during)
        {
            yield return new BenchResult($"one-row commit p99 during the import, {shape}", $"{Percentiles.Of(times, 99):F1} ms", Note: Commits(times));
        }
    }

    private static string Commits(IReadOnlyList<double> sorted) => sorted.Count == 0 ? "no commits" :
        $"{sorted.Count:N0} commits, p99 {Percentiles.Of(sorted, 99):F1} ms, p50 {Percentiles.Of(sorted, 50):F1} ms, max {sorted[^1]:F0} ms";

    /// <summary>
    /// The live-ingest rows. The idle p99 compared with is the lower of the windows before and after the imports; windows
    /// that disagree by more than 2× give no figure (the machine was busy with something else).
    /// </summary>
    private static IEnumerable<BenchResult> LiveResults(
        IReadOnlyList<double> before, IReadOnlyList<double> after, IReadOnlyList<(string Shape, IReadOnlyList<double> Times)> during)
    {
        const string Target = "≤ 2× idle";
        if (before.Count < EnoughRequests || after.Count < EnoughRequests)
        {
            yield return BenchResult.Untrusted("live ingest p99, idle", "", $"only {Math.Min(before.Count, after.Count)} requests were timed in an idle window");
            yield break;
        }

        var (first, last) = (Percentiles.Of(before, 99), Percentiles.Of(after, 99));
        var idle = Math.Min(first, last);
        var windows = $"before {Spread(before)}; after {Spread(after)}";
        if (Math.Max(first, last) > 2 * idle)
        {
            // The machine was busy with something else in one of them: no ratio against either would mean anything.
            yield return BenchResult.Untrusted("live ingest p99, idle", "", $"the idle windows disagree by more than 2×: {windows}");
            foreach (var (shape, times) in during)
            {
                yield return BenchResult.Untrusted($"live ingest p99 during the import, {shape}", Target, $"no steady idle figure; {(times.Count == 0 ? "no requests" : Spread(times))}");
            }

            yield break;
        }

        yield return new BenchResult("live ingest p99, idle", $"{idle:F1} ms", Note: $"lower of {windows}");
        foreach (var (shape, times) in during)
        {
            var metric = $"live ingest p99 during the import, {shape}";
            if (times.Count < EnoughRequests)
            {
                yield return BenchResult.Untrusted(metric, Target, $"only {times.Count} requests were timed");
                continue;
            }

            var p99 = Percentiles.Of(times, 99);
            yield return new BenchResult(metric, $"{p99:F1} ms ({p99 / idle:F2}× idle)", Target, p99 <= 2 * idle, Spread(times));
        }
    }

    private static string Spread(IReadOnlyList<double> sorted) =>
        $"{sorted.Count:N0} requests, p99 {Percentiles.Of(sorted, 99):F1} ms, p50 {Percentiles.Of(sorted, 50):F1} ms, max {sorted[^1]:F0} ms";
}
