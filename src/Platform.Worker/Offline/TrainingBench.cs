using System.Diagnostics;
using Platform.Domain.Modeling;
using Platform.Domain.Models;
using Platform.ML;
using Platform.ML.Training;
using Platform.ML.Uplift;
using Platform.Simulation;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Worker.Offline;

/// <summary>
/// `./platform bench train` (docs/benchmarks.md): the uplift pipeline as a worker runs it — rows streamed twice from the
/// simulator, schema, encoding, hyperparameter search, bootstrap ensemble, evaluation — timed with its peak and per-epoch
/// resident memory; then, on the same encoded tensors, one network trained by the pipeline's trainer beside a bare
/// TorchSharp loop (same network, stages, loss, batch sizes and optimizers; nothing else), to show what the pipeline adds.
/// Rows per second count the deep stage's epochs over the training rows; both include the same linear first stage.
/// </summary>
public static class TrainingBench
{
    public sealed record Settings(int Rows, int Members, int Epochs, int Seed);

    public sealed record Result(
        Settings Settings,
        long RowsRead,
        int Features,
        int TrainRows,
        double TotalSeconds,
        double ReadSeconds,
        double TrainSeconds,
        int NetworkEpochs,
        long PeakRssBytes,
        IReadOnlyList<long> RssAfterMemberEpochs,
        double TrainerRowsPerSecond,
        double BareRowsPerSecond,
        string Device,
        int Threads);

    public static async Task<Result> RunAsync(Settings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        var world = new SimulatedWorld(new WorldOptions(Seed: settings.Seed, Users: settings.Rows / 3, Now: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        var campaigns = SimulatedUpliftData.Campaigns(world);
        long rowsRead = 0;
        IAsyncEnumerable<UpliftRow> Source() => SimulatedUpliftData.Stream(world, world.Options.Users).Select(s => s.Row).Take(settings.Rows)
            .Select(row => { rowsRead++; return row; }).ToAsyncEnumerable();

        using var memory = new ResidentMemory();
        var rssAfterMemberEpochs = new List<long>();
        var phaseStarted = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        var networkEpochs = 0;
        void OnProgress(TrainingProgress p)
        {
            phaseStarted.TryAdd(p.Phase, clock.Elapsed.TotalSeconds);
            if (p.Epoch is not null)
            {
                networkEpochs++;
                if (p.Phase == "training")
                {
                    rssAfterMemberEpochs.Add(ResidentMemory.Now());
                }
            }

            progress.WriteLine($"{clock.Elapsed.TotalSeconds,6:F0} s  {p.Phase} {p.Step}/{p.Steps}{(p.Epoch is { } e ? $" epoch {e}" : "")}  rss {ResidentMemory.Now() / 1_048_576:N0} MiB");
        }

        var options = new UpliftTraining.Options(Seed: settings.Seed, Members: settings.Members, MaxEpochs: settings.Epochs);
        var (model, report) = await new UpliftTraining(options).RunAsync(Source, campaigns, CPU, OnProgress, cancellationToken);
        var total = clock.Elapsed.TotalSeconds;
        var readSeconds = phaseStarted.GetValueOrDefault("selecting", total);
        var trainSeconds = phaseStarted.GetValueOrDefault("evaluating", total) - readSeconds;
        var rows = rowsRead / 2; // the pipeline reads the rows twice
        var peak = memory.PeakBytes;

        using (model)
        {
            progress.WriteLine("encoding the rows again for the trainer-vs-bare-loop comparison");
            var data = new UpliftData(model.Schema, campaigns);
            await foreach (var row in Source().WithCancellation(cancellationToken))
            {
                data.Add(row);
            }

            using var tensors = new UpliftTensors(data, CPU);
            var train = Enumerable.Range(0, data.Count).Where(i => options.SplitOrDefault.Of(data.UserIds[i]) == SplitPart.Train).ToList();
            var validation = Enumerable.Range(0, data.Count).Where(i => options.SplitOrDefault.Of(data.UserIds[i]) == SplitPart.Validation).ToList();
            var hyper = model.Hyperparameters with { MaxEpochs = settings.Epochs };
            var trainer = Stopwatch.StartNew();
            UpliftTrainer.Train(tensors, train, validation, hyper, settings.Seed, (epoch, _, _) => progress.WriteLine($"trainer epoch {epoch}"), cancellationToken).Network.Dispose();
            var trainerRowsPerSecond = train.Count * (double)settings.Epochs / trainer.Elapsed.TotalSeconds;
            var bareRowsPerSecond = BareLoop(tensors, train, hyper, settings.Seed, progress);
            return new Result(
                settings, rows, model.Schema.Numeric.Count + model.Schema.Categorical.Count, report.TrainRows, total, readSeconds, trainSeconds, networkEpochs,
                peak, rssAfterMemberEpochs, trainerRowsPerSecond, bareRowsPerSecond, CPU.ToString(), get_num_threads());
        }
    }

    // The same network, stages, loss, batch sizes and optimizers, with nothing around them: no validation passes, no
    // best-weights copies, no callbacks, shuffling on the device.
    private static double BareLoop(UpliftTensors tensors, IReadOnlyList<int> train, UpliftHyperparameters hyper, int seed, TextWriter progress)
    {
        manual_seed(seed);
        using var network = new UpliftNetwork((int)tensors.Users.shape[1], (int)tensors.Contexts.shape[1], (int)tensors.Offers.shape[1], hyper.Width, (int)tensors.Contexts.shape[0]);
        using var rows = tensor(train.Select(r => (long)r).ToArray());
        var clock = Stopwatch.StartNew();
        using (var wide = new AdamOptimizer(network.WideParameters(), UpliftTrainer.WideLearningRate))
        {
            for (var step = 0; step < UpliftTrainer.WideSteps; step++)
            {
                using var scope = NewDisposeScope();
                wide.ZeroGrad();
                UpliftTrainer.Loss(network, tensors, rows.index_select(0, randint(rows.shape[0], [UpliftTrainer.WideBatchSize])), UpliftTrainer.ValueWeight, wideOnly: true).backward();
                wide.Step();
            }
        }

        using var optimizer = new AdamOptimizer(network.parameters(), hyper.LearningRate, hyper.WeightDecay);
        for (var epoch = 1; epoch <= hyper.MaxEpochs; epoch++)
        {
            using var order = rows.index_select(0, randperm(rows.shape[0]));
            for (long start = 0; start < order.shape[0]; start += hyper.BatchSize)
            {
                using var scope = NewDisposeScope();
                optimizer.ZeroGrad();
                UpliftTrainer.Loss(network, tensors, order.narrow(0, start, Math.Min(hyper.BatchSize, order.shape[0] - start)), UpliftTrainer.ValueWeight).backward();
                optimizer.Step();
            }

            progress.WriteLine($"bare loop epoch {epoch}");
        }

        return train.Count * (double)hyper.MaxEpochs / clock.Elapsed.TotalSeconds;
    }
}
