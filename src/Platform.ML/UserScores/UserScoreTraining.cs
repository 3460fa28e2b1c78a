using Platform.Domain.Modeling;
using Platform.Domain.Modeling.UserScores;
using Platform.Domain.Models;
using Platform.ML.Training;
using static TorchSharp.torch;

namespace Platform.ML.UserScores;

/// <summary>
/// Trains a tenant's user-score model (docs/models.md#user-scores): learns the feature schema on the training users,
/// encodes every user (the training users at every cutoff of the window, the others at the latest), picks width and
/// learning rate on the validation users from a small grid, calibrates purchase and
/// churn with Platt scaling on the validation users, finds personas in the learned representation, fits the logistic
/// baseline on the same split and evaluates both on the held-out users. The rows are read twice (statistics, then
/// encoding), so only the encoded users stay in memory.
/// </summary>
public sealed class UserScoreTraining(UserScoreTraining.Options options)
{
    public sealed record Options(int Seed = 7, DataSplit? Split = null, int MaxEpochs = 30, int MinTrainUsers = 200, int MinPurchasers = 20)
    {
        public DataSplit SplitOrDefault => Split ?? new DataSplit(Seed);
    }

    /// <summary>Training users learn from every cutoff of the window; validation and held-out users are judged at the latest, where serving asks.</summary>
    public bool LearnsFromEarlierCutoffs(string userId) => options.SplitOrDefault.Of(userId) == SplitPart.Train;

    public static readonly IReadOnlyList<(int Width, double LearningRate)> Grid = [(32, 3e-3), (128, 1e-3)];

    /// <summary>Training users whose representations personas are found in (the first ones read, so the choice is reproducible).</summary>
    public const int PersonaSample = 4_000;

    public async Task<(UserScoreModel Model, UserScoreReport Report)> RunAsync(
        Func<IAsyncEnumerable<UserScoreRow>> rows, Device device, Action<TrainingProgress> progress, CancellationToken cancellationToken)
    {
        var split = options.SplitOrDefault;
        progress(new TrainingProgress("reading", 1, 2, Detail: "learning the feature schema from the training users"));
        var statistics = new FeatureStatistics(options.Seed);
        await foreach (var row in rows().WithCancellation(cancellationToken))
        {
            if (split.Of(row.UserId) == SplitPart.Train)
            {
                statistics.Add(row.Features);
            }
        }

        var data = new UserScoreData(statistics.Build());
        var parts = new Dictionary<SplitPart, List<int>> { [SplitPart.Train] = [], [SplitPart.Validation] = [], [SplitPart.Test] = [] };
        progress(new TrainingProgress("reading", 2, 2, Detail: "encoding the users"));
        var latestTrain = new List<int>();
        await foreach (var row in rows().WithCancellation(cancellationToken))
        {
            var part = split.Of(row.UserId);
            if (row.Snapshot > 0 && !LearnsFromEarlierCutoffs(row.UserId))
            {
                continue;
            }

            data.Add(row);
            parts[part].Add(data.Count - 1);
            if (part == SplitPart.Train && row.Snapshot == 0)
            {
                latestTrain.Add(data.Count - 1);
            }
        }

        var (train, test) = (parts[SplitPart.Train], parts[SplitPart.Test]);
        var validation = parts[SplitPart.Validation].Count > 0 ? parts[SplitPart.Validation] : latestTrain;
        CheckEnough(data, latestTrain);
        using var tensors = data.ToTensors(device, train);

        var candidates = new List<CandidateScore>();
        UserScoreTrainer.Result? best = null;
        UserScoreHyperparameters? chosen = null;
        for (var c = 0; c < Grid.Count; c++)
        {
            var hyper = new UserScoreHyperparameters(Grid[c].Width, Grid[c].LearningRate, options.MaxEpochs, UpliftHyperparameters.BatchSizeFor(train.Count));
            var candidate = UserScoreTrainer.Train(tensors, train, validation, hyper, options.Seed, (epoch, trainLoss, validationLoss) =>
                progress(new TrainingProgress("selecting", c + 1, Grid.Count, epoch, trainLoss, validationLoss, $"width {hyper.Width}, learning rate {hyper.LearningRate}")), cancellationToken);
            candidates.Add(new CandidateScore(hyper.Width, hyper.LearningRate, candidate.ValidationLoss, candidate.Epochs));
            if (best is null || candidate.ValidationLoss < best.ValidationLoss)
            {
                best?.Network.Dispose();
                (best, chosen) = (candidate, hyper);
            }
            else
            {
                candidate.Network.Dispose();
            }
        }

        progress(new TrainingProgress("calibrating", 1, 1, Detail: "Platt scaling and personas"));
        var uncalibrated = new UserScoreModel(data.Schema, chosen!, best!.Network, PlattScaling.Identity, PlattScaling.Identity, tensors.Spend, [], []);
        using var validationFeatures = tensors.FeaturesOf(validation);
        var onValidation = uncalibrated.Raw(validationFeatures);
        var validationOutcomes = validation.Select(r => data.Outcomes[r]).ToList();
        var propensity = PlattScaling.Fit(onValidation.PurchaseLogit.Select(l => (double)l).ToList(), validationOutcomes.Select(o => o.Purchased).ToList());
        var churn = PlattScaling.Fit(onValidation.ChurnLogit.Select(l => (double)l).ToList(), validationOutcomes.Select(o => o.Churned).ToList());
        var spend = tensors.Spend with { Smearing = Smearing(validationOutcomes, onValidation.LogSpend, tensors.Spend) };
        var personas = FindPersonas(uncalibrated, data, tensors, latestTrain);
        var model = new UserScoreModel(data.Schema, chosen!, best.Network, propensity, churn, spend, personas.Centroids, personas.Personas);

        progress(new TrainingProgress("evaluating", 1, 1, Detail: "model and baseline on the held-out users"));
        var meanSpend = train.Select(r => data.Outcomes[r]).Where(o => o.Purchased).Select(o => o.Spend).DefaultIfEmpty(0).Average();
        using var baseline = LogisticBaseline.Train(tensors, train, meanSpend, options.Seed, cancellationToken);
        var (baselinePropensity, baselineChurn) = baseline.Predict(tensors, test);
        var testOutcomes = test.Select(r => data.Outcomes[r]).ToList();
        var report = new UserScoreReport(
            train.Count,
            parts[SplitPart.Validation].Count,
            test.Count,
            Evaluate(model, tensors, test, testOutcomes),
            UserScoreEvaluation.Of(
                testOutcomes, baselinePropensity.Select(p => (double)p).ToList(), baselineChurn.Select(p => (double)p).ToList(), baselinePropensity.Select(p => p * meanSpend).ToList()),
            chosen!,
            candidates,
            personas.Personas,
            personas.Choices);
        return (model, report);
    }

    /// <summary>Scores a trained model (another version) on this training's held-out users: its figures on the same data.</summary>
    public async Task<UserScoreEvaluation> EvaluateAsync(UserScoreModel model, Func<IAsyncEnumerable<UserScoreRow>> rows, Device device, CancellationToken cancellationToken)
    {
        var split = options.SplitOrDefault;
        var data = new UserScoreData(model.Schema);
        await foreach (var row in rows().WithCancellation(cancellationToken))
        {
            if (split.Of(row.UserId) == SplitPart.Test && row.Snapshot == 0)
            {
                data.Add(row);
            }
        }

        using var tensors = data.ToTensors(device);
        return Evaluate(model, tensors, Enumerable.Range(0, data.Count).ToList(), data.Outcomes);
    }

    private static UserScoreEvaluation Evaluate(UserScoreModel model, UserScoreData.Tensors tensors, IReadOnlyList<int> rows, IReadOnlyList<UserOutcome> outcomes)
    {
        using var features = tensors.FeaturesOf(rows);
        var scores = model.Score(features);
        return UserScoreEvaluation.Of(outcomes, scores.Propensity, scores.Churn, scores.Spend);
    }

    private void CheckEnough(UserScoreData data, IReadOnlyList<int> train)
    {
        var purchasers = train.Count(r => data.Outcomes[r].Purchased);
        var churned = train.Count(r => data.Outcomes[r].Churned);
        if (train.Count < options.MinTrainUsers || purchasers < options.MinPurchasers || purchasers == train.Count || churned == 0 || churned == train.Count)
        {
            throw new NotEnoughDataException(
                $"Too little data to learn from: {train.Count} training users seen before the cutoff, {purchasers} of them bought and {churned} did not come back "
                + $"in the {UserScoreWindow.Horizon.TotalDays:F0} days after it; at least {options.MinTrainUsers} users and {options.MinPurchasers} purchasers, "
                + "with both buyers and non-buyers and both returning and lapsed users, are needed.");
        }
    }

    // Duan's smearing: exp of a predicted mean log underestimates the mean; the mean of exp(residual) corrects it.
    private static double Smearing(IReadOnlyList<UserOutcome> outcomes, float[] logSpend, SpendScale scale)
    {
        var residuals = Enumerable.Range(0, outcomes.Count).Where(i => outcomes[i].Purchased && outcomes[i].Spend > 0)
            .Select(i => Math.Exp(Math.Log(outcomes[i].Spend) - ((logSpend[i] * scale.Scale) + scale.Mean))).ToList();
        return residuals.Count == 0 ? 1 : Math.Clamp(residuals.Average(), 0.1, 10);
    }

    private Personas.Result FindPersonas(UserScoreModel model, UserScoreData data, UserScoreData.Tensors tensors, IReadOnlyList<int> train)
    {
        var sample = train.Take(PersonaSample).ToList();
        var vectors = data.Vectors(sample);
        using var features = tensors.FeaturesOf(sample);
        var representation = model.Raw(features).Representation;
        var width = data.Schema.Width;
        var columns = Enumerable.Range(0, sample.Count).Select(i => vectors.AsSpan(i * width, width).ToArray()).ToList();
        return Domain.Modeling.UserScores.Personas.Find(representation, columns, data.Schema.ColumnNames(), NumericColumns(data.Schema), options.Seed);
    }

    // Which encoded columns hold a standardized number, flags (tags) included; the rest are shares (missing indicators, category values).
    private static IReadOnlyList<bool> NumericColumns(FeatureSchema schema)
    {
        var numeric = new List<bool>(schema.Width);
        foreach (var feature in schema.Numeric)
        {
            numeric.Add(true);
            numeric.AddRange(Enumerable.Repeat(false, feature.Width - 1)); // its missing flag and levels
        }

        numeric.AddRange(Enumerable.Repeat(false, schema.Width - numeric.Count));
        return numeric;
    }
}
