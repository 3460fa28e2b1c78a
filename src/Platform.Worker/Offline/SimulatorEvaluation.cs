using Platform.Domain.Modeling;
using Platform.ML.Uplift;
using Platform.Simulation;
using static TorchSharp.torch;

namespace Platform.Worker.Offline;

/// <summary>
/// Judges the uplift model where the truth is known (`./platform eval uplift`, docs/models.md#quality): for each seed, a
/// simulated shop's past campaigns are trained on as a tenant would train on them, and the held-out users' predicted
/// uplift is compared with the planted one, beside the two-model baseline trained on the same split.
/// </summary>
public static class SimulatorEvaluation
{
    public sealed record Settings(int Users, IReadOnlyList<int> Seeds, int Members, int MaxEpochs);

    public sealed record SeedResult(
        int Seed,
        int Rows,
        UpliftEvaluation Model,
        UpliftEvaluation Baseline,
        double PearsonModel,
        double PearsonBaseline,
        double SpearmanModel,
        double SpearmanBaseline,
        double ExpectedQiniModel,
        double ExpectedQiniBaseline,
        double ExpectedQiniTruth,
        IReadOnlyList<CampaignTruthCheck> Campaigns,
        long TrainingMs);

    /// <summary>A campaign's planted average effect on its held-out users against the model's prediction and intervals.</summary>
    public sealed record CampaignTruthCheck(string CampaignId, double Planted, double Predicted, double Low80, double High80, double Low95, double High95, double Observed)
    {
        public bool Covered80 => Planted >= Low80 && Planted <= High80;

        public bool Covered95 => Planted >= Low95 && Planted <= High95;
    }

    public sealed record Curves(IReadOnlyList<(int K, double Q)> QiniModel, IReadOnlyList<(int K, double Q)> QiniBaseline, IReadOnlyList<CalibrationBin> CalibrationModel, IReadOnlyList<CalibrationBin> CalibrationBaseline);

    public sealed record Result(Settings Settings, IReadOnlyList<SeedResult> Seeds, Curves FirstSeedCurves);

    public static async Task<Result> RunAsync(Settings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        var results = new List<SeedResult>();
        Curves? curves = null;
        foreach (var seed in settings.Seeds)
        {
            progress.WriteLine($"seed {seed}: simulating {settings.Users:N0} users");
            var world = new SimulatedWorld(new WorldOptions(Seed: seed, Users: settings.Users, Now: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));
            var samples = SimulatedUpliftData.Rows(world, settings.Users);
            var campaigns = SimulatedUpliftData.Campaigns(world);
            var options = new UpliftTraining.Options(Seed: seed, Members: settings.Members, MaxEpochs: settings.MaxEpochs);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (model, report) = await new UpliftTraining(options).RunAsync(
                () => samples.Select(s => s.Row).ToAsyncEnumerable(), campaigns, CPU, p => progress.WriteLine($"seed {seed}: {p.Phase} {p.Step}/{p.Steps} epoch {p.Epoch} {p.Detail}"), cancellationToken);
            var trainingMs = watch.ElapsedMilliseconds;
            using (model)
            {
                var (result, seedCurves) = Judge(seed, samples, campaigns, model, report, options, trainingMs, cancellationToken);
                results.Add(result);
                curves ??= seedCurves;
                progress.WriteLine($"seed {seed}: qini model {result.Model.Qini:F5} baseline {result.Baseline.Qini:F5}; pearson model {result.PearsonModel:F3} baseline {result.PearsonBaseline:F3}");
            }
        }

        return new Result(settings, results, curves!);
    }

    private static (SeedResult Result, Curves Curves) Judge(
        int seed, IReadOnlyList<SimulatedUpliftData.Sample> samples, IReadOnlyList<(string Id, Domain.Campaigns.CampaignDesign Design)> campaigns,
        UpliftModel model, UpliftReport report, UpliftTraining.Options options, long trainingMs, CancellationToken cancellationToken)
    {
        var split = options.SplitOrDefault;
        var data = new UpliftData(model.Schema, campaigns);
        var used = new List<SimulatedUpliftData.Sample>();
        foreach (var sample in samples)
        {
            if (data.Add(sample.Row))
            {
                used.Add(sample);
            }
        }

        using var tensors = new UpliftTensors(data, CPU);
        var train = Enumerable.Range(0, data.Count).Where(i => split.Of(data.UserIds[i]) == SplitPart.Train).ToList();
        var test = Enumerable.Range(0, data.Count).Where(i => split.Of(data.UserIds[i]) == SplitPart.Test).ToList();
        var predictions = model.Predict(tensors, test);
        var predicted = test.Select((_, j) => predictions.Uplift(j)).ToArray();
        using var baseline = TwoModelBaseline.Train(tensors, train, seed, cancellationToken);
        var (p0, p1) = baseline.Predict(tensors, test);
        var baselineUplift = test.Select((_, j) => (double)p1[j] - p0[j]).ToArray();
        var truth = test.Select(i => used[i].Truth.ConversionUplift).ToArray();

        // Qini on expected outcomes: each user's planted chance on its own side instead of its 0/1 outcome, so the
        // ranking is judged without the noise of who happened to buy.
        List<UpliftObservation> Expected(IReadOnlyList<double> scores) => test.Select((i, j) => new UpliftObservation(
            scores[j], used[i].Row.Treated, used[i].Row.Treated ? used[i].Truth.ConversionTreated : used[i].Truth.ConversionControl)).ToList();

        var checks = report.Effects.Select(effect =>
        {
            var rows = Enumerable.Range(0, test.Count).Where(j => data.Campaigns[data.Campaign[test[j]]].Id == effect.CampaignId).ToList();
            return new CampaignTruthCheck(effect.CampaignId, rows.Average(j => truth[j]), effect.PredictedLift, effect.Low80, effect.High80, effect.Low95, effect.High95, effect.ObservedLift);
        }).ToList();

        var observed = test.Select((i, j) => new UpliftObservation(predicted[j], data.Treated[i] > 0.5f, data.Converted[i])).Where(o => !double.IsNaN(o.Outcome)).ToList();
        var observedBaseline = test.Select((i, j) => new UpliftObservation(baselineUplift[j], data.Treated[i] > 0.5f, data.Converted[i])).Where(o => !double.IsNaN(o.Outcome)).ToList();
        var outcomes = test.Select(i => data.Converted[i] > 0.5f).ToList();
        var ownSide = test.Select((i, j) => MemberPredictions.Mean(data.Treated[i] > 0.5f ? predictions.Treated : predictions.Control, j)).ToList();
        var ownSideBaseline = test.Select((i, j) => (double)(data.Treated[i] > 0.5f ? p1[j] : p0[j])).ToList();
        var curves = new Curves(
            UpliftMetrics.QiniCurve(observed),
            UpliftMetrics.QiniCurve(observedBaseline),
            ClassificationMetrics.CalibrationCurve(ownSide, outcomes),
            ClassificationMetrics.CalibrationCurve(ownSideBaseline, outcomes));

        var result = new SeedResult(
            seed,
            data.Count,
            report.Model,
            report.Baseline,
            Correlation.Pearson(predicted, truth),
            Correlation.Pearson(baselineUplift, truth),
            Correlation.Spearman(predicted, truth),
            Correlation.Spearman(baselineUplift, truth),
            UpliftMetrics.QiniCoefficient(Expected(predicted)),
            UpliftMetrics.QiniCoefficient(Expected(baselineUplift)),
            UpliftMetrics.QiniCoefficient(Expected(truth)),
            checks,
            trainingMs);
        return (result, curves);
    }
}
