namespace Platform.ML.Tests;

public sealed class SystemCheckProbeTests
{
    [Fact]
    public void SystemCheckProbeReportsVersionDeviceAndThreads()
    {
        TorchRuntime.Initialize(threads: 2);

        var result = new SystemCheckProbe().Run();

        Assert.Matches(@"^\d+\.\d+\.\d+", result.TorchVersion);
        Assert.Equal(TorchRuntime.SelectDevice().ToString(), result.Device);
        Assert.Equal(2, result.Threads);
        Assert.True(result.LossAfter < result.LossBefore, $"loss went from {result.LossBefore} to {result.LossAfter}");
        Assert.True(result.Duration > TimeSpan.Zero);
    }
}
