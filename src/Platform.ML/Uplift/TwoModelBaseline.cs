using Platform.Domain.Modeling;
using Platform.ML.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.ML.Uplift;

/// <summary>
/// The uplift baseline every version reports against (docs/models.md#baselines): two logistic regressions of conversion,
/// one fitted on treated rows (user, context, offer and campaign columns), one on control rows (user, context and campaign
/// columns), on the same split as the model. Uplift is the difference of their probabilities.
/// </summary>
public sealed class TwoModelBaseline : IDisposable
{
    private const int Steps = 400;
    private const int BatchSize = 8192;

    private readonly nn.Module<Tensor, Tensor> treated;
    private readonly nn.Module<Tensor, Tensor> control;

    private TwoModelBaseline(nn.Module<Tensor, Tensor> treated, nn.Module<Tensor, Tensor> control)
    {
        this.treated = treated;
        this.control = control;
    }

    public static TwoModelBaseline Train(UpliftTensors data, IReadOnlyList<int> trainRows, int seed, CancellationToken cancellationToken)
    {
        manual_seed(seed);
        var userWidth = data.Users.shape[1];
        var contextWidth = data.Contexts.shape[1];
        var offerWidth = data.Offers.shape[1];
        var campaigns = data.Contexts.shape[0];
        var treatedModel = nn.Linear(userWidth + contextWidth + offerWidth + campaigns, 1);
        var controlModel = nn.Linear(userWidth + contextWidth + campaigns, 1);
        treatedModel.to(data.Device);
        controlModel.to(data.Device);
        var treatedSide = trainRows.Where(r => data.TreatedRows[r]).ToArray();
        var controlSide = trainRows.Where(r => !data.TreatedRows[r]).ToArray();
        Fit(treatedModel, data, treatedSide, withOffer: true, seed, cancellationToken);
        Fit(controlModel, data, controlSide, withOffer: false, seed + 1, cancellationToken);
        return new TwoModelBaseline(treatedModel, controlModel);
    }

    /// <summary>(control, treated) conversion probabilities for the rows, each under its own campaign.</summary>
    public (float[] Control, float[] Treated) Predict(UpliftTensors data, IReadOnlyList<int> rows)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var index = tensor(rows.Select(r => (long)r).ToArray(), device: data.Device);
        var (user, context, offer, campaign) = data.Inputs(index);
        var onehot = OneHot(campaign, data);
        var p1 = treated.forward(cat([user, context, offer, onehot], 1)).squeeze(1).sigmoid().cpu().data<float>().ToArray();
        var p0 = control.forward(cat([user, context, onehot], 1)).squeeze(1).sigmoid().cpu().data<float>().ToArray();
        return (p0, p1);
    }

    private static Tensor OneHot(Tensor campaign, UpliftTensors data) =>
        nn.functional.one_hot(campaign, data.Contexts.shape[0]).to_type(ScalarType.Float32);

    public void Dispose()
    {
        treated.Dispose();
        control.Dispose();
    }

    // A fixed number of Adam steps over mini-batches (every row seen several times on small data), so small and large
    // tenants both get a converged fit of a convex problem.
    private static void Fit(nn.Module<Tensor, Tensor> model, UpliftTensors data, int[] rows, bool withOffer, int seed, CancellationToken cancellationToken)
    {
        if (rows.Length == 0)
        {
            return;
        }

        using var optimizer = new AdamOptimizer(model.parameters(), 0.05, 1e-4);
        foreach (var batch in Minibatches.Steps(rows, BatchSize, Steps, new Random(seed)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var index = tensor(batch, device: data.Device);
            var (user, context, offer, campaign) = data.Inputs(index);
            var onehot = OneHot(campaign, data);
            var converted = data.Converted.index_select(0, index);
            var known = converted.isnan().logical_not().to_type(ScalarType.Float32);
            var logit = model.forward(withOffer ? cat([user, context, offer, onehot], 1) : cat([user, context, onehot], 1)).squeeze(1);
            optimizer.ZeroGrad();
            var loss = nn.functional.binary_cross_entropy_with_logits(logit, converted.nan_to_num(), known, reduction: nn.Reduction.Sum) / known.sum().clamp_min(Scalars.One);
            loss.backward();
            optimizer.Step();
        }
    }
}
