using System.Diagnostics;
using Platform.ML.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.ML;

/// <summary>
/// Proves that TorchSharp works end to end on this node (native libraries load, autograd and an optimizer run on
/// the selected device) by fitting a tiny linear model to random data.
/// </summary>
public sealed class SystemCheckProbe
{
    private const int Rows = 512;
    private const int Features = 16;

    public TorchProbeResult Run(int steps = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var stopwatch = Stopwatch.StartNew();
        var device = TorchRuntime.SelectDevice();

        using var outer = NewDisposeScope();
        var x = randn(Rows, Features, device: device);
        using var offset = 0.5.ToScalar();
        var y = x.matmul(randn(Features, 1, device: device)).add(offset, Scalars.One);
        using var model = nn.Linear(Features, 1, device: device);
        using var optimizer = new AdamOptimizer(model.parameters(), learningRate: 0.1);

        var lossBefore = Loss(model, x, y);
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            nn.functional.mse_loss(model.forward(x), y).backward();
            optimizer.Step();
        }

        var lossAfter = Loss(model, x, y);
        return new TorchProbeResult(
            TorchRuntime.TorchVersion, device.ToString(), get_num_threads(), lossBefore, lossAfter, stopwatch.Elapsed);
    }

    private static double Loss(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return nn.functional.mse_loss(model.forward(x), y).item<float>();
    }
}
