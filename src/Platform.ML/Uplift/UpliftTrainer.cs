using Platform.Domain.Modeling;
using Platform.ML.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.ML.Uplift;

/// <summary>
/// Trains one uplift network in two stages. First the wide (linear) paths and campaign levels alone, with large batches
/// for a fixed number of steps: a converged convex fit close to the logistic baseline's. Then every weight, with Adam on
/// mini-batches, keeping the weights with the best validation loss (the wide fit's included) and stopping after
/// <see cref="UpliftHyperparameters.Patience"/> epochs without improvement: the deep heads keep only what helps on
/// users they did not train on. The loss is the conversion
/// log-loss on each row's own side (both sides of a campaign weighted equally), plus 0.2 × the squared error of the
/// standardized log order value on converting rows with an amount, plus half the participation log-loss on treated rows
/// that record it; the validation loss that early stopping watches leaves the order value out. A campaign's level learns
/// from its control rows only. No weight decay: an offer's effect is a small share of the loss, and a penalty erased it
/// (docs/models.md#uplift). Same data, seed and thread count: same weights.
/// </summary>
public static class UpliftTrainer
{
    public sealed record Result(UpliftNetwork Network, double ValidationLoss, int Epochs);

    public static Result Train(
        UpliftTensors data,
        IReadOnlyList<int> trainRows,
        IReadOnlyList<int> validationRows,
        UpliftHyperparameters hyper,
        int seed,
        Action<int, double, double>? onEpoch,
        CancellationToken cancellationToken)
    {
        manual_seed(seed);
        var network = new UpliftNetwork((int)data.Users.shape[1], (int)data.Contexts.shape[1], (int)data.Offers.shape[1], hyper.Width, (int)data.Contexts.shape[0]);
        var (controlLogit, levels) = ControlLevels(data, trainRows);
        network.StartAt(controlLogit, levels);
        network.to(data.Device);
        var random = new Random(seed);
        var order = trainRows.ToArray();
        using var validation = tensor(validationRows.Select(r => (long)r).ToArray(), device: data.Device);
        FitWide(network, data, order, random, cancellationToken);

        // The wide fit is where the deep stage starts and what it must beat on the validation users.
        var best = Evaluate(network, data, validation);
        var bestState = Training.ModuleState.Save(network);
        using var optimizer = new AdamOptimizer(network.parameters(), hyper.LearningRate, hyper.WeightDecay);
        var epochs = 0;
        var sinceBest = 0;
        for (var epoch = 1; epoch <= hyper.MaxEpochs && sinceBest < hyper.Patience; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trainLoss = RunEpoch(network, optimizer, data, order, hyper.BatchSize, random);
            var validationLoss = Evaluate(network, data, validation);
            epochs = epoch;
            onEpoch?.Invoke(epoch, trainLoss, validationLoss);
            if (validationLoss < best - 1e-5)
            {
                best = validationLoss;
                bestState = Training.ModuleState.Save(network);
                sinceBest = 0;
            }
            else
            {
                sinceBest++;
            }
        }

        Training.ModuleState.Load(network, bestState);
        network.eval();
        network.SetCampaignEffects(TreatedOffsets(network, data, trainRows));
        network.SetNewDesignOffset(data.RowsPerCampaign(trainRows));
        return new Result(network, best, epochs);
    }

    /// <summary>
    /// The first stage: only the linear paths and the campaign levels learn (the deep heads' outputs start at zero), with
    /// large batches for a fixed number of Adam steps, like the logistic baseline: a converged convex fit, from which the
    /// deep stage starts. (Small noisy batches leave a linear fit far from its optimum on the weak signal of who responds.)
    /// </summary>
    private static void FitWide(UpliftNetwork network, UpliftTensors data, int[] order, Random random, CancellationToken cancellationToken)
    {
        using var optimizer = new AdamOptimizer(network.WideParameters(), WideLearningRate);
        network.train();
        foreach (var batch in Minibatches.Steps(order, WideBatchSize, WideSteps, random))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            Loss(network, data, tensor(batch, device: data.Device), ValueWeight, wideOnly: true).backward();
            optimizer.Step();
        }
    }

    public const int WideSteps = 300;
    public const int WideBatchSize = 8192;
    public const double WideLearningRate = 0.05;

    // One pass over the rows in a new random order; returns the mean batch loss.
    private static double RunEpoch(UpliftNetwork network, AdamOptimizer optimizer, UpliftTensors data, int[] order, int batchSize, Random random)
    {
        network.train();
        double total = 0;
        var batches = 0;
        foreach (var batch in Minibatches.Epoch(order, batchSize, random))
        {
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            var loss = Loss(network, data, tensor(batch, device: data.Device), ValueWeight);
            loss.backward();
            optimizer.Step();
            total += loss.item<float>();
            batches++;
        }

        return total / Math.Max(1, batches);
    }

    /// <summary>The mean loss over the given rows, without gradients.</summary>
    public static double Evaluate(UpliftNetwork network, UpliftTensors data, Tensor rows)
    {
        if (rows.numel() == 0)
        {
            return double.NaN;
        }

        network.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var total = 0.0;
        var count = rows.numel();
        for (long start = 0; start < count; start += 8192)
        {
            var batch = rows.narrow(0, start, Math.Min(8192, count - start));
            total += Loss(network, data, batch, valueWeight: 0).item<float>() * batch.numel();
        }

        return total / count;
    }

    // Each campaign's effect offset, fitted on the treated rows it trained on (CampaignEffectFit).
    private static double[] TreatedOffsets(UpliftNetwork network, UpliftTensors data, IReadOnlyList<int> trainRows)
    {
        var converted = data.ConvertedRows;
        var treated = trainRows.Where(r => data.TreatedRows[r] && !float.IsNaN(converted[r])).ToArray();
        var logits = new float[treated.Length];
        using var noGrad = no_grad();
        for (var start = 0; start < treated.Length; start += 8192)
        {
            using var scope = NewDisposeScope();
            var batch = treated[start..Math.Min(treated.Length, start + 8192)];
            var (user, context, offer, campaign) = data.Inputs(tensor(batch.Select(r => (long)r).ToArray(), device: data.Device));
            network.forward(user, context, offer, campaign).TreatedLogit.cpu().data<float>().CopyTo(logits, start);
        }

        return CampaignEffectFit.Solve(network.Campaigns, treated.Select((r, i) => (data.CampaignRows[r], (double)logits[i], converted[r] > 0.5f)));
    }

    // The logit of the control conversion rate of the rows, and each campaign's difference from it (shrunk towards 0 by 20
    // pseudo-rows, so a small holdout does not start from an extreme).
    private static (double ControlLogit, IReadOnlyList<double> Levels) ControlLevels(UpliftTensors data, IReadOnlyList<int> rows)
    {
        var converted = data.ConvertedRows;
        var control = rows.Where(r => !data.TreatedRows[r] && !float.IsNaN(converted[r])).ToList();
        var rate = control.Count == 0 ? 0.5 : Math.Clamp(control.Average(r => (double)converted[r]), 1e-3, 1 - 1e-3);
        var overall = Math.Log(rate / (1 - rate));
        var levels = Enumerable.Range(0, (int)data.Contexts.shape[0]).Select(c =>
        {
            var own = control.Where(r => data.CampaignRows[r] == c).ToList();
            var smoothed = Math.Clamp((own.Sum(r => (double)converted[r]) + (20 * rate)) / (own.Count + 20), 1e-3, 1 - 1e-3);
            return Math.Log(smoothed / (1 - smoothed)) - overall;
        }).ToList();
        return (overall, levels);
    }

    // Order values are noisy; a smaller weight keeps them from steering the shared trunk, and early stopping looks at conversion and participation only.
    public const double ValueWeight = 0.2;

    /// <summary>The training loss of a batch of rows (see the class summary).</summary>
    public static Tensor Loss(UpliftNetwork network, UpliftTensors data, Tensor rows, double valueWeight, bool wideOnly = false)
    {
        var (user, context, offer, campaign) = data.Inputs(rows);
        // The control side's columns of the levels alone: the campaigns' effect offsets are fitted after training (CampaignEffectFit), never learned here.
        var level = network.Level(campaign).narrow(1, 0, 2);
        var outputs = wideOnly ? network.ForwardWide(user, context, offer, level) : network.Forward(user, context, offer, level);
        var treated = data.Treated.index_select(0, rows);
        var isTreated = treated.gt(Scalars.Half);

        var converted = data.Converted.index_select(0, rows);
        var known = converted.isnan().logical_not().to_type(ScalarType.Float32) * data.Balance.index_select(0, rows);
        // A campaign's level is its control side's: on treated rows it is held fixed, so what the treated do beyond their
        // controls is explained by the offer (the design's features), never by moving the campaign's level.
        var heldLevel = level.detach() - level;
        var logit = where(isTreated, Scalars.Sum(outputs.TreatedLogit, heldLevel[.., 0]), outputs.ControlLogit);
        var conversion = nn.functional.binary_cross_entropy_with_logits(logit, converted.nan_to_num(), known, reduction: nn.Reduction.Sum) / known.sum().clamp_min(Scalars.One);

        var logRevenue = data.LogRevenue.index_select(0, rows);
        var hasValue = logRevenue.isnan().logical_not().to_type(ScalarType.Float32);
        var value = where(isTreated, Scalars.Sum(outputs.TreatedLogValue, heldLevel[.., 1]), outputs.ControlLogValue);
        var valueLoss = ((value - logRevenue.nan_to_num()).pow(Scalars.Two) * hasValue).sum() / hasValue.sum().clamp_min(Scalars.One);

        var participated = data.Participated.index_select(0, rows);
        var hasParticipation = participated.isnan().logical_not().logical_and(isTreated).to_type(ScalarType.Float32);
        var participation = nn.functional.binary_cross_entropy_with_logits(outputs.ParticipationLogit, participated.nan_to_num(), hasParticipation, reduction: nn.Reduction.Sum)
            / hasParticipation.sum().clamp_min(Scalars.One);

        using var weight = valueWeight.ToScalar();
        return Scalars.Sum(conversion, valueLoss.mul(weight), participation.mul(Scalars.Half));
    }
}
