using Platform.ML.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.ML.UserScores;

/// <summary>
/// The user-score baseline (docs/models.md#user-scores): logistic regressions of purchase and of churn on the same encoded
/// features and the same training users; its expected spend is its purchase probability × the training purchasers' mean spend.
/// </summary>
public sealed class LogisticBaseline : IDisposable
{
    private const int Steps = 400;
    private const int BatchSize = 8192;

    private readonly nn.Module<Tensor, Tensor> model;

    private LogisticBaseline(nn.Module<Tensor, Tensor> model, double meanSpend)
    {
        this.model = model;
        MeanSpend = meanSpend;
    }

    public double MeanSpend { get; }

    public static LogisticBaseline Train(UserScoreData.Tensors data, IReadOnlyList<int> trainRows, double meanSpend, int seed, CancellationToken cancellationToken)
    {
        manual_seed(seed);
        var model = nn.Linear(data.Features.shape[1], 2);
        model.to(data.Device);
        using var optimizer = new AdamOptimizer(model.parameters(), 0.05, 1e-4);
        foreach (var batch in Minibatches.Steps(trainRows.ToArray(), BatchSize, Steps, new Random(seed)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var index = tensor(batch, device: data.Device);
            var labels = stack([data.Purchased.index_select(0, index), data.Churned.index_select(0, index)], 1);
            var loss = nn.functional.binary_cross_entropy_with_logits(model.forward(data.Features.index_select(0, index)), labels);
            optimizer.ZeroGrad();
            loss.backward();
            optimizer.Step();
        }

        return new LogisticBaseline(model, meanSpend);
    }

    /// <summary>(purchase, churn) probabilities of the rows.</summary>
    public (float[] Propensity, float[] Churn) Predict(UserScoreData.Tensors data, IReadOnlyList<int> rows)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var index = tensor(rows.Select(r => (long)r).ToArray(), device: data.Device);
        var probabilities = model.forward(data.Features.index_select(0, index)).sigmoid().cpu();
        return (probabilities[.., 0].contiguous().data<float>().ToArray(), probabilities[.., 1].contiguous().data<float>().ToArray());
    }

    public void Dispose() => model.Dispose();
}
