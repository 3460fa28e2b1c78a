using System.Diagnostics;
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
        var y = x.matmul(randn(Features, 1, device: device)) + 0.5;
        using var model = nn.Linear(Features, 1, device: device);
        using var optimizer = optim.SGD(model.parameters(), learningRate: 0.1);

        double lossBefore = 0, lossAfter = 0;
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(model.forward(x), y);
            loss.backward();
            optimizer.step();
            lossAfter = loss.item<float>();
            if (step == 0)
                lossBefore = lossAfter;
        }

        return new TorchProbeResult(
            TorchRuntime.TorchVersion, device.ToString(), get_num_threads(), lossBefore, lossAfter, stopwatch.Elapsed);
    }
}
