using Platform.Domain.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.ML.Uplift;

/// <summary>
/// Trains one uplift network with Adam on mini-batches, keeps the weights of the epoch with the best validation loss and
/// stops after <see cref="UpliftHyperparameters.Patience"/> epochs without improvement. The loss is the conversion
/// log-loss on each row's own side (both sides of a campaign weighted equally), plus 0.2 × the squared error of the
/// standardized log order value on converting rows with an amount, plus half the participation log-loss on treated rows
/// that record it; the validation loss that early stopping watches leaves the order value out. Same data, seed and thread
/// count: same weights.
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
        using var optimizer = optim.Adam(network.parameters(), hyper.LearningRate, weight_decay: hyper.WeightDecay);
        var random = new Random(seed);
        var order = trainRows.ToArray();
        var best = double.PositiveInfinity;
        byte[]? bestState = null;
        var epochs = 0;
        var sinceBest = 0;
        using var validation = tensor(validationRows.Select(r => (long)r).ToArray(), device: data.Device);
        for (var epoch = 1; epoch <= hyper.MaxEpochs && sinceBest < hyper.Patience; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            network.train();
            double trainLoss = 0;
            var batches = 0;
            for (var start = 0; start < order.Length; start += hyper.BatchSize)
            {
                using var scope = NewDisposeScope();
                var rows = tensor(order.AsSpan(start, Math.Min(hyper.BatchSize, order.Length - start)).ToArray().Select(r => (long)r).ToArray(), device: data.Device);
                optimizer.zero_grad();
                var loss = Loss(network, data, rows, ValueWeight);
                loss.backward();
                optimizer.step();
                trainLoss += loss.item<float>();
                batches++;
            }

            var validationLoss = Evaluate(network, data, validation);
            epochs = epoch;
            onEpoch?.Invoke(epoch, trainLoss / Math.Max(1, batches), validationLoss);
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

        if (bestState is not null)
        {
            Training.ModuleState.Load(network, bestState);
        }

        network.SetNewDesignOffset(data.RowsPerCampaign(trainRows));

        network.eval();
        return new Result(network, best, epochs);
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

    // The logit of the control conversion rate of the rows, and each campaign's difference from it (shrunk towards 0 by 20
    // pseudo-rows, so a small holdout does not start from an extreme).
    private static (double ControlLogit, IReadOnlyList<double> Levels) ControlLevels(UpliftTensors data, IReadOnlyList<int> rows)
    {
        var converted = data.Converted.cpu().data<float>().ToArray();
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
    private const double ValueWeight = 0.2;

    private static Tensor Loss(UpliftNetwork network, UpliftTensors data, Tensor rows, double valueWeight)
    {
        var (user, context, offer, campaign) = data.Inputs(rows);
        var outputs = network.forward(user, context, offer, campaign);
        var treated = data.Treated.index_select(0, rows);
        var isTreated = treated.gt(0.5);

        var converted = data.Converted.index_select(0, rows);
        var known = converted.isnan().logical_not().to_type(ScalarType.Float32) * data.Balance.index_select(0, rows);
        var logit = where(isTreated, outputs.TreatedLogit, outputs.ControlLogit);
        var conversion = nn.functional.binary_cross_entropy_with_logits(logit, converted.nan_to_num(), known, reduction: nn.Reduction.Sum) / known.sum().clamp_min(1);

        var logRevenue = data.LogRevenue.index_select(0, rows);
        var hasValue = logRevenue.isnan().logical_not().to_type(ScalarType.Float32);
        var value = where(isTreated, outputs.TreatedLogValue, outputs.ControlLogValue);
        var valueLoss = ((value - logRevenue.nan_to_num()).pow(2) * hasValue).sum() / hasValue.sum().clamp_min(1);

        var participated = data.Participated.index_select(0, rows);
        var hasParticipation = participated.isnan().logical_not().logical_and(isTreated).to_type(ScalarType.Float32);
        var participation = nn.functional.binary_cross_entropy_with_logits(outputs.ParticipationLogit, participated.nan_to_num(), hasParticipation, reduction: nn.Reduction.Sum)
            / hasParticipation.sum().clamp_min(1);

        return conversion + (valueWeight * valueLoss) + (0.5 * participation);
    }
}
