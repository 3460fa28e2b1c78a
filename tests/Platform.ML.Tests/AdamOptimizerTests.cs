using Platform.ML.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.ML.Tests;

public sealed class AdamOptimizerTests
{
    public AdamOptimizerTests() => TorchRuntime.Initialize(threads: 2);

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-3)]
    public void StepsAsTorchSharpsAdamDoes(double weightDecay)
    {
        var theirs = Train(model => optim.Adam(model.parameters(), 0.01, weight_decay: weightDecay), adam => adam.zero_grad(), adam => adam.step());
        var ours = Train(model => new AdamOptimizer(model.parameters(), 0.01, weightDecay), adam => adam.ZeroGrad(), adam => adam.Step());

        Assert.Equal(theirs.Length, ours.Length);
        for (var i = 0; i < ours.Length; i++)
        {
            Assert.Equal(theirs[i], ours[i], 6);
        }
    }

    /// <summary>
    /// Collections forced on another thread, as a busy worker's allocations cause: TorchSharp's own Adam failed this way
    /// after 4,267 steps (a freed Scalar read in <c>add_</c>); every Scalar here is held until libtorch returned.
    /// </summary>
    [Fact]
    public void ManyStepsWithCollectionsBesideReadNoFreedScalar()
    {
        var stop = false;
        var collector = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        try
        {
            var weights = Train(model => new AdamOptimizer(model.parameters(), 0.01, 1e-4), adam => adam.ZeroGrad(), adam => adam.Step(), steps: 15_000);
            Assert.All(weights, w => Assert.True(float.IsFinite(w)));
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }
    }

    // A small two-layer regression trained for some steps from a fixed seed; its weights after training, flattened.
    private static float[] Train<TOptimizer>(
        Func<nn.Module<Tensor, Tensor>, TOptimizer> create, Action<TOptimizer> zeroGrad, Action<TOptimizer> step, int steps = 200)
        where TOptimizer : IDisposable
    {
        manual_seed(3);
        using var model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1));
        using var x = randn(32, 4);
        using var y = randn(32, 1);
        using var optimizer = create(model);
        for (var i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            zeroGrad(optimizer);
            nn.functional.mse_loss(Scalars.Sum(model.forward(x), x[.., ..1]), y).backward();
            step(optimizer);
        }

        using var read = NewDisposeScope();
        return [.. model.parameters().SelectMany(p => p.detach().cpu().data<float>().ToArray())];
    }
}
