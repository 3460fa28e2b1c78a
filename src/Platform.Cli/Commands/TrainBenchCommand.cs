using System.Globalization;
using System.Text.Json;
using Platform.Cli.Bench;
using Platform.Cli.Models;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>`./platform bench train`: the uplift training pipeline at scale on the worker's code, against its targets (docs/benchmarks.md).</summary>
public sealed class TrainBenchCommand(IAnsiConsole console)
{
    public const long MaxPeakRssBytes = 3L * 1024 * 1024 * 1024;
    public const double MaxSeconds = 600;
    public const double MaxOverhead = 1.3;

    private const string Method = """
        - **Data** — rows of the simulated shop's past campaigns (`src/Platform.Simulation`), made a chunk of users at a
          time and streamed into the pipeline twice (feature statistics, then encoding), as a worker streams a tenant's
          rows from PostgreSQL; each row's user features (stored pre-period columns, point-in-time profile, attributes: the
          table counts those the learned schema keeps) and its design's encoded columns.
        - **Pipeline** — `UpliftTraining` as a training run calls it, in the worker's own process (`Platform.Worker.dll
          bench-train`, started by the CLI): feature schema, encoding, the three-candidate hyperparameter search, the
          bootstrap ensemble, evaluation beside the baseline. Every network is limited to the given epochs.
        - **Memory** — the process's VmRSS from /proc, sampled every 100 ms for the peak and read after every epoch of the
          ensemble's members ("flat" compares the last with the first), with the allocator settings of production (`MALLOC_MMAP_THRESHOLD_`, `MALLOC_TOP_PAD_`).
        - **Overhead** — on the same encoded tensors in the same process, one network of the chosen width trained for the
          same epochs by the pipeline's trainer (`UpliftTrainer`: per-epoch validation, best-weights copies, callbacks,
          host-side shuffling) and by a bare TorchSharp loop (the same linear first stage and epochs, network, loss, batch
          sizes and optimizers, nothing else). Rows/s = training rows × epochs ÷ seconds, both stages included. The ratio
          is bare rows/s ÷ trainer rows/s; the trainer does more than the bare loop, so a ratio under 0.8 means the machine
          was busy during one of them, and the bench fails rather than report it.
        """;

    public async Task<int> RunAsync(string workerPath, int rows, int members, int epochs, string reportPath, CancellationToken cancellationToken)
    {
        var result = await WorkerTool.RunAsync(
            workerPath,
            ["bench-train", "--rows", Text(rows), "--members", Text(members), "--epochs", Text(epochs)],
            console,
            cancellationToken);
        var results = Results(result);
        BenchReport.Print(console, "uplift training", results);
        await BenchReport.WriteAsync(reportPath, "train", "uplift training", Method, results, cancellationToken);
        console.MarkupLineInterpolated($"Written to {reportPath}.");
        return 0;
    }

    private static List<BenchResult> Results(JsonElement r)
    {
        double D(string name) => r.GetProperty(name).GetDouble();
        var peak = r.GetProperty("peakRssBytes").GetInt64();
        var perEpoch = r.GetProperty("rssAfterMemberEpochs").EnumerateArray().Select(e => e.GetInt64()).ToList();
        var (trainer, bare) = (D("trainerRowsPerSecond"), D("bareRowsPerSecond"));
        var overhead = bare / trainer;
        if (peak <= 0 || perEpoch.Any(m => m <= 0) || trainer <= 0 || bare <= 0 || overhead < 0.8)
        {
            throw new InvalidOperationException(
                $"Impossible figures (peak RSS {peak}, RSS per epoch [{string.Join(", ", perEpoch)}], trainer {trainer:F0} rows/s, bare loop {bare:F0} rows/s): the machine was busy during the run; run it again.");
        }

        var growth = perEpoch.Count > 1 ? (perEpoch[^1] - perEpoch[0]) / (double)perEpoch[0] : 0;
        var settings = r.GetProperty("settings");
        return
        [
            new("rows × features", $"{r.GetProperty("rowsRead").GetInt64():N0} × {r.GetProperty("features").GetInt32()}", Note: $"{r.GetProperty("trainRows").GetInt32():N0} training rows (30% of users held out, 10% of the rest for validation)"),
            new("pipeline, end to end", $"{D("totalSeconds"):F0} s", $"≤ {MaxSeconds:F0} s", D("totalSeconds") <= MaxSeconds,
                $"{settings.GetProperty("epochs").GetInt32()} epochs, ensemble of {settings.GetProperty("members").GetInt32()}, 3 search candidates; reading and encoding {D("readSeconds"):F0} s, training {D("trainSeconds"):F0} s ({r.GetProperty("networkEpochs").GetInt32()} network-epochs)"),
            new("peak resident memory", $"{peak / 1_048_576.0:N0} MiB", $"≤ {MaxPeakRssBytes / 1_048_576:N0} MiB", peak <= MaxPeakRssBytes),
            new("memory across the members' epochs", $"{perEpoch.Min() / 1_048_576.0:N0} to {perEpoch.Max() / 1_048_576.0:N0} MiB", "flat (±10%)", Math.Abs(growth) <= 0.10,
                $"last vs first epoch {growth:+0.0%;-0.0%}"),
            new("trainer (one network)", $"{trainer:N0} rows/s", Note: $"on {r.GetProperty("device").GetString()}, {r.GetProperty("threads").GetInt32()} threads"),
            new("bare TorchSharp loop, same network and tensors", $"{bare:N0} rows/s"),
            new("overhead (bare ÷ trainer)", $"{overhead:F2}×", $"≤ {MaxOverhead}×", overhead <= MaxOverhead),
        ];
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
