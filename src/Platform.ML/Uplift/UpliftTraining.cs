using Platform.Domain.Campaigns;
using Platform.Domain.Modeling;
using Platform.Domain.Models;
using Platform.ML.Training;
using static TorchSharp.torch;

namespace Platform.ML.Uplift;

/// <summary>
/// Trains a tenant's uplift model from its campaign outcome rows (docs/models.md#uplift): learns the feature schema on the
/// training users, encodes every row, picks width and learning rate on the validation users from a small grid, trains a
/// bootstrap ensemble, fits the two-model baseline on the same split and evaluates both on the held-out users. The rows
/// are read twice (statistics, then encoding), so only the encoded rows stay in memory.
/// </summary>
public sealed class UpliftTraining(UpliftTraining.Options options)
{
    public sealed record Options(int Seed = 7, DataSplit? Split = null, int Members = 5, int MaxEpochs = 30, int MinTrainRows = 200, int MinConversions = 20)
    {
        public DataSplit SplitOrDefault => Split ?? new DataSplit(Seed);
    }

    public static readonly IReadOnlyList<(int Width, double LearningRate)> Grid = [(64, 1e-3), (32, 3e-3), (128, 1e-3)];

    public async Task<(UpliftModel Model, UpliftReport Report)> RunAsync(
        Func<IAsyncEnumerable<UpliftRow>> rows,
        IReadOnlyList<(string Id, CampaignDesign Design)> campaigns,
        Device device,
        Action<TrainingProgress> progress,
        CancellationToken cancellationToken)
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

        var data = new UpliftData(statistics.Build(), campaigns);
        var parts = new Dictionary<SplitPart, List<int>> { [SplitPart.Train] = [], [SplitPart.Validation] = [], [SplitPart.Test] = [] };
        progress(new TrainingProgress("reading", 2, 2, Detail: "encoding the rows"));
        await foreach (var row in rows().WithCancellation(cancellationToken))
        {
            if (data.Add(row))
            {
                parts[split.Of(row.UserId)].Add(data.Count - 1);
            }
        }

        CheckEnough(data, parts[SplitPart.Train]);
        using var tensors = new UpliftTensors(data, device);
        var (train, validation, test) = (parts[SplitPart.Train], parts[SplitPart.Validation].Count > 0 ? parts[SplitPart.Validation] : parts[SplitPart.Train], parts[SplitPart.Test]);

        var candidates = new List<CandidateScore>();
        for (var c = 0; c < Grid.Count; c++)
        {
            var hyper = new UpliftHyperparameters(Grid[c].Width, Grid[c].LearningRate, options.MaxEpochs, UpliftHyperparameters.BatchSizeFor(train.Count), Members: options.Members);
            var candidate = UpliftTrainer.Train(tensors, train, validation, hyper, options.Seed, (epoch, trainLoss, validationLoss) =>
                progress(new TrainingProgress("selecting", c + 1, Grid.Count, epoch, trainLoss, validationLoss, $"width {hyper.Width}, learning rate {hyper.LearningRate}")), cancellationToken);
            candidates.Add(new CandidateScore(hyper.Width, hyper.LearningRate, candidate.ValidationLoss, candidate.Epochs));
            candidate.Network.Dispose();
        }

        var best = candidates.MinBy(c => c.ValidationLoss)!;
        var chosen = new UpliftHyperparameters(best.Width, best.LearningRate, options.MaxEpochs, UpliftHyperparameters.BatchSizeFor(train.Count), Members: options.Members);
        var members = new List<UpliftNetwork>();
        for (var m = 0; m < options.Members; m++)
        {
            var random = new Random(options.Seed + 1000 + m);
            var bootstrap = options.Members == 1 ? train : Enumerable.Range(0, train.Count).Select(_ => train[random.Next(train.Count)]).ToList();
            var member = m;
            members.Add(UpliftTrainer.Train(tensors, bootstrap, validation, chosen, options.Seed + 1000 + m, (epoch, trainLoss, validationLoss) =>
                progress(new TrainingProgress("training", member + 1, options.Members, epoch, trainLoss, validationLoss, $"ensemble member {member + 1} of {options.Members}")), cancellationToken).Network);
        }

        var model = new UpliftModel(
            data.Schema, chosen, campaigns.Select(c => c.Id).ToList(), members, ValueScale(members, tensors, data, train), campaigns.Select(c => c.Design with { Audience = null }).ToList());
        progress(new TrainingProgress("evaluating", 1, 1, Detail: "model and baseline on the held-out users"));
        using var baseline = TwoModelBaseline.Train(tensors, train, options.Seed, cancellationToken);
        var report = Evaluate(model, baseline, tensors, data, test, candidates, train.Count, parts[SplitPart.Validation].Count);
        return (model, report);
    }

    /// <summary>Scores a trained model (another version) on this training's held-out users: its figures on the same data.</summary>
    public async Task<UpliftEvaluation> EvaluateAsync(
        UpliftModel model, Func<IAsyncEnumerable<UpliftRow>> rows, IReadOnlyList<(string Id, CampaignDesign Design)> campaigns, Device device, CancellationToken cancellationToken)
    {
        var split = options.SplitOrDefault;
        var data = new UpliftData(model.Schema, campaigns);
        await foreach (var row in rows().WithCancellation(cancellationToken))
        {
            if (split.Of(row.UserId) == SplitPart.Test)
            {
                data.Add(row);
            }
        }

        using var tensors = new UpliftTensors(data, device);
        var test = Enumerable.Range(0, data.Count).ToList();
        var predictions = model.Predict(tensors, test);
        var ownSide = test.Select((r, i) => data.Treated[r] > 0.5f ? MemberPredictions.Mean(predictions.Treated, i) : MemberPredictions.Mean(predictions.Control, i)).ToList();
        return UpliftEvaluator.Of(data, test, ownSide, test.Select((_, i) => predictions.Uplift(i)).ToList(), test.Select((_, i) => predictions.RevenueUplift(i)).ToList());
    }

    private void CheckEnough(UpliftData data, IReadOnlyList<int> train)
    {
        if (data.Campaigns.Count == 0)
        {
            throw new NotEnoughDataException("The tenant has no campaign with outcome rows: run a campaign with a holdout or import a past experiment first.");
        }

        var treated = train.Count(r => data.Treated[r] > 0.5f);
        var conversions = train.Count(r => data.Converted[r] > 0.5f);
        if (train.Count < options.MinTrainRows || treated == 0 || treated == train.Count || conversions < options.MinConversions)
        {
            throw new NotEnoughDataException(
                $"Too little data to learn from: {train.Count} training rows ({treated} treated, {train.Count - treated} control) with {conversions} conversions; "
                + $"at least {options.MinTrainRows} rows on both sides and {options.MinConversions} conversions are needed.");
        }
    }

    // The spread of log order values around the ensemble's prediction, on training conversions: exp(μ + σ²/2) is then the
    // mean order value. And the orders of a converting training user, on average.
    private static OrderValueScale ValueScale(IReadOnlyList<UpliftNetwork> members, UpliftTensors tensors, UpliftData data, IReadOnlyList<int> train)
    {
        var ordered = train.Select(r => data.Orders[r]).Where(o => o > 0).ToList();
        var ordersPerConverter = ordered.Count == 0 ? 1 : ordered.Average(o => (double)o);
        var rows = train.Where(r => !float.IsNaN(data.LogRevenue[r])).ToList();
        if (rows.Count < 2)
        {
            return new OrderValueScale(tensors.ValueMean, tensors.ValueScale, 0, ordersPerConverter, Learned: false);
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var index = tensor(rows.Select(r => (long)r).ToArray(), device: tensors.Device);
        var (user, context, offer, campaign) = tensors.Inputs(index);
        var treated = tensors.Treated.index_select(0, index).gt(Scalars.Half);
        var predicted = stack(members.Select(m =>
        {
            var outputs = m.forward(user, context, offer, campaign);
            return where(treated, outputs.TreatedLogValue, outputs.ControlLogValue);
        }).ToArray()).mean([0]);
        var variance = (predicted - tensors.LogRevenue.index_select(0, index)).pow(Scalars.Two).mean().item<float>() * tensors.ValueScale * tensors.ValueScale;
        return new OrderValueScale(tensors.ValueMean, tensors.ValueScale, variance, ordersPerConverter);
    }

    private static UpliftReport Evaluate(
        UpliftModel model, TwoModelBaseline baseline, UpliftTensors tensors, UpliftData data, List<int> test, List<CandidateScore> candidates, int trainRows, int validationRows)
    {
        var predictions = model.Predict(tensors, test);
        var ownSide = test.Select((r, i) => data.Treated[r] > 0.5f ? MemberPredictions.Mean(predictions.Treated, i) : MemberPredictions.Mean(predictions.Control, i)).ToList();
        var uplift = test.Select((_, i) => predictions.Uplift(i)).ToList();
        var revenueUplift = test.Select((_, i) => predictions.RevenueUplift(i)).ToList();
        var (p0, p1) = baseline.Predict(tensors, test);
        var baselineOwn = test.Select((r, i) => (double)(data.Treated[r] > 0.5f ? p1[i] : p0[i])).ToList();
        var baselineUplift = test.Select((_, i) => (double)(p1[i] - p0[i])).ToList();
        return new UpliftReport(
            trainRows,
            validationRows,
            test.Count,
            data.Campaigns.Count,
            UpliftEvaluator.Of(data, test, ownSide, uplift, revenueUplift),
            UpliftEvaluator.Of(data, test, baselineOwn, baselineUplift, null),
            Effects(data, test, predictions),
            model.Hyperparameters,
            candidates);
    }

    // Per campaign of the held-out users: observed lift vs the predicted average lift with its interval.
    private static List<CampaignEffect> Effects(UpliftData data, List<int> test, MemberPredictions predictions)
    {
        var effects = new List<CampaignEffect>();
        for (var c = 0; c < data.Campaigns.Count; c++)
        {
            var positions = Enumerable.Range(0, test.Count).Where(i => data.Campaign[test[i]] == c && !float.IsNaN(data.Converted[test[i]])).ToList();
            var treated = positions.Where(i => data.Treated[test[i]] > 0.5f).ToList();
            var control = positions.Where(i => data.Treated[test[i]] <= 0.5f).ToList();
            if (treated.Count < 2 || control.Count < 2)
            {
                continue;
            }

            double Rate(List<int> side) => side.Average(i => (double)data.Converted[test[i]]);
            var (rt, rc) = (Rate(treated), Rate(control));
            var se = Math.Sqrt((rt * (1 - rt) / treated.Count) + (rc * (1 - rc) / control.Count));
            var memberLifts = Enumerable.Range(0, predictions.Members).Select(m => positions.Average(i => (double)predictions.Treated[m][i] - predictions.Control[m][i])).ToList();
            var (lift, spread) = (memberLifts.Average(), StandardDeviation(memberLifts));
            var width = Math.Sqrt((spread * spread) + (se * se));

            var withRevenue = positions.Where(i => !float.IsNaN(data.Revenue[test[i]])).ToList();
            var (revenueObserved, revenuePredicted, revenueWidth) = (double.NaN, double.NaN, double.NaN);
            if (withRevenue.Count(i => data.Treated[test[i]] > 0.5f) >= 2 && withRevenue.Count(i => data.Treated[test[i]] <= 0.5f) >= 2)
            {
                var revenueTreated = withRevenue.Where(i => data.Treated[test[i]] > 0.5f).Select(i => (double)data.Revenue[test[i]]).ToList();
                var revenueControl = withRevenue.Where(i => data.Treated[test[i]] <= 0.5f).Select(i => (double)data.Revenue[test[i]]).ToList();
                revenueObserved = revenueTreated.Average() - revenueControl.Average();
                var revenueSe = Math.Sqrt((Variance(revenueTreated) / revenueTreated.Count) + (Variance(revenueControl) / revenueControl.Count));
                var memberRevenue = Enumerable.Range(0, predictions.Members).Select(m => withRevenue.Average(i => predictions.Revenue(m, i, true) - predictions.Revenue(m, i, false))).ToList();
                revenuePredicted = memberRevenue.Average();
                revenueWidth = Math.Sqrt(Variance(memberRevenue) + (revenueSe * revenueSe));
            }

            effects.Add(new CampaignEffect(
                data.Campaigns[c].Id, treated.Count, control.Count, rt - rc, se, lift,
                lift - (1.2816 * width), lift + (1.2816 * width), lift - (1.96 * width), lift + (1.96 * width),
                revenueObserved, revenuePredicted, revenuePredicted - (1.96 * revenueWidth), revenuePredicted + (1.96 * revenueWidth)));
        }

        return effects;
    }

    private static double Variance(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }

    private static double StandardDeviation(IReadOnlyList<double> values) => Math.Sqrt(Variance(values));
}
