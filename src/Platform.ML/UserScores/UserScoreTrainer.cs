using Platform.Domain.Modeling.UserScores;
using Platform.ML.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.ML.UserScores;

/// <summary>
/// Trains one user-score network with Adam on mini-batches, keeping the weights with the best validation loss and
/// stopping after <see cref="UserScoreHyperparameters.Patience"/> epochs without improvement. The loss is the purchase
/// log-loss plus the churn log-loss plus half the squared error of the standardized log spend on purchasers. Same data,
/// seed and thread count: same weights.
/// </summary>
public static class UserScoreTrainer
{
    public sealed record Result(UserScoreNetwork Network, double ValidationLoss, int Epochs);

    public static Result Train(
        UserScoreData.Tensors data, IReadOnlyList<int> trainRows, IReadOnlyList<int> validationRows, UserScoreHyperparameters hyper, int seed,
        Action<int, double, double>? onEpoch, CancellationToken cancellationToken)
    {
        manual_seed(seed);
        var network = new UserScoreNetwork((int)data.Features.shape[1], hyper.Width);
        network.to(data.Device);
        var random = new Random(seed);
        var order = trainRows.ToArray();
        using var validation = tensor(validationRows.Select(r => (long)r).ToArray(), device: data.Device);
        using var optimizer = new AdamOptimizer(network.parameters(), hyper.LearningRate, hyper.WeightDecay);
        var (best, bestState, epochs, sinceBest) = (double.PositiveInfinity, ModuleState.Save(network), 0, 0);
        for (var epoch = 1; epoch <= hyper.MaxEpochs && sinceBest < hyper.Patience; epoch++)
        {
            network.train();
            var (sum, batches) = (0.0, 0);
            foreach (var batch in Minibatches.Epoch(order, hyper.BatchSize, random))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var loss = Loss(network, data, tensor(batch, device: data.Device));
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step();
                sum += loss.item<float>();
                batches++;
            }

            var validationLoss = Evaluate(network, data, validation);
            epochs = epoch;
            onEpoch?.Invoke(epoch, sum / Math.Max(1, batches), validationLoss);
            if (validationLoss < best - 1e-5)
            {
                (best, bestState, sinceBest) = (validationLoss, ModuleState.Save(network), 0);
            }
            else
            {
                sinceBest++;
            }
        }

        ModuleState.Load(network, bestState);
        network.eval();
        return new Result(network, best, epochs);
    }

    private static double Evaluate(UserScoreNetwork network, UserScoreData.Tensors data, Tensor rows)
    {
        network.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Loss(network, data, rows).item<float>();
    }

    private static Tensor Loss(UserScoreNetwork network, UserScoreData.Tensors data, Tensor index)
    {
        var (outputs, _) = network.forward(data.Features.index_select(0, index));
        var purchase = nn.functional.binary_cross_entropy_with_logits(outputs[.., 0], data.Purchased.index_select(0, index));
        var churn = nn.functional.binary_cross_entropy_with_logits(outputs[.., 1], data.Churned.index_select(0, index));
        var logSpend = data.LogSpend.index_select(0, index);
        var known = logSpend.isnan().logical_not().to_type(ScalarType.Float32);
        var spend = ((outputs[.., 2] - logSpend.nan_to_num()).pow(Scalars.Two) * known).sum() / known.sum().clamp_min(Scalars.One);
        return Scalars.Sum(purchase, churn, spend.mul(Scalars.Half));
    }
}
