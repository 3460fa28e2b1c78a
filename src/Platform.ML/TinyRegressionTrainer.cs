using Platform.ML.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.ML;

/// <summary>
/// A deterministic, seconds-long training run: a linear model fitted to a synthetic linear target. Same seed,
/// same thread count and same device give bit-identical weights.
/// </summary>
public static class TinyRegressionTrainer
{
    private const int Rows = 256;
    private const int Features = 8;

    public static TrainingRun Train(int seed, int steps, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        device ??= TorchRuntime.SelectDevice();
        // Covers any sampling that does not take a generator; everything below draws from the local one.
        manual_seed(seed);
        using var generator = new Generator((ulong)seed);

        using var outer = NewDisposeScope();
        // Drawn on the CPU so the same seed gives the same data and initial weights on every device.
        var x = randn(Rows, Features, generator: generator);
        using var offset = 0.25.ToScalar();
        using var noise = 0.05.ToScalar();
        var y = x.matmul(randn(Features, 1, generator: generator)).add(offset, Scalars.One).add(randn(Rows, 1, generator: generator), noise);
        x = x.to(device);
        y = y.to(device);

        using var model = nn.Linear(Features, 1);
        using (no_grad())
        {
            foreach (var parameter in model.parameters())
                parameter.uniform_(-0.5, 0.5, generator);
        }

        model.to(device);
        using var optimizer = new AdamOptimizer(model.parameters(), learningRate: 0.05);

        var losses = new List<double>(steps);
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            var loss = nn.functional.mse_loss(model.forward(x), y);
            loss.backward();
            optimizer.Step();
            losses.Add(loss.item<float>());
        }

        var weights = cat(model.parameters().Select(p => p.detach().flatten()).ToArray()).cpu();
        return new TrainingRun(losses, weights.data<float>().ToArray());
    }
}
