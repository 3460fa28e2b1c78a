using System.Diagnostics;
using Platform.Cli.Bench;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// `bench import`: a generated history imported as a CSV file through importDataset, in two shapes (many shoppers with a
/// few events each, few shoppers with many), each in a fresh tenant: rows per second, the time until every profile is
/// exact, and the worker's memory. Prints a table and writes docs/benchmarks.md.
/// </summary>
public sealed class ImportBenchCommand(GraphQLClient client, ImportCommand importer, IAnsiConsole console)
{
    public sealed record Settings(int Rows = 1_000_000, int WideShoppers = 200_000, int NarrowShoppers = 1_000);

    private const string Method = """
        - **History** — a generated shop: views (70%), cart adds (20%) and purchases (10%) of 500 items over the last 90 days,
          in time order, so that every batch of the import interleaves many shoppers. *Many shoppers* (`--many-shoppers`,
          default 200,000) and *few shoppers* (`--few-shoppers`, default 1,000) share the number of events (`--rows`, default
          1,000,000). Written to a CSV file before the clock starts.
        - **Import** — `importDataset(kind: EVENTS)` (the CLI's `import events`), from the upload until the job reports
          SUCCEEDED, each shape in a fresh tenant, one after the other. The worker validates and appends batches of 2,000
          rows; heavy shoppers' events go to their grains, and the light shoppers' profiles are folded by the worker once
          every batch is in, before the job ends (docs/imports.md#history-and-profiles).
        - **Profiles exact** — from the job's end until every shopper's row in the profile projection holds that shopper's last
          logged event (what audiences read).
        - **Worker memory** — the worker process's resident memory (`VmRSS`, read every 200 ms; its pid from the keys file's
          folder), at the start of each shape and its peak during it.
        """;

    public async Task<int> RunAsync(string systemKey, string connectionString, int? workerPid, Settings settings, string reportPath, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var results = new List<BenchResult>();
        var rates = new List<double>();
        foreach (var (name, shoppers) in new[] { ("many shoppers", settings.WideShoppers), ("few shoppers", settings.NarrowShoppers) })
        {
            var file = Path.Combine(Path.GetTempPath(), $"platform-bench-import-{shoppers}.csv");
            console.MarkupLineInterpolated($"Writing {settings.Rows:N0} events of {shoppers:N0} shoppers to {file}…");
            await ImportBench.WriteHistoryAsync(file, shoppers, settings.Rows, now, cancellationToken);
            var (tenantId, admin) = await BenchTenant.CreateAsync(client, systemKey, $"imp-{shoppers}", cancellationToken);

            await using var memory = new ImportBench.ResidentMemory(workerPid);
            memory.Start();
            var clock = Stopwatch.StartNew();
            var job = await importer.ImportAsync(admin, "events", file, null, cancellationToken);
            var imported = clock.Elapsed;
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

        BenchReport.Print(console, "history import", results);
        await BenchReport.WriteAsync(reportPath, "import", "history import", Method, results, cancellationToken);
        console.MarkupLineInterpolated($"Written to {reportPath}.");
        return results.Any(r => r.Error) ? 1 : 0;
    }
}
