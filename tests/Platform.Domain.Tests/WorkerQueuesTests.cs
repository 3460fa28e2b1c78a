using Platform.Domain.Jobs;

namespace Platform.Domain.Tests;

public sealed class WorkerQueuesTests
{
    [Fact]
    public void AWorkerWithAGpuTakesGpuWorkFirst() =>
        Assert.Equal(["gpu", "cpu", "default"], WorkerQueues.Resolve(null, hasGpu: true));

    [Fact]
    public void AWorkerWithoutAGpuLeavesGpuWorkAlone() =>
        Assert.Equal(["cpu", "default"], WorkerQueues.Resolve("", hasGpu: false));

    [Fact]
    public void ConfiguredQueuesKeepTheirOrder() =>
        Assert.Equal(["default", "cpu"], WorkerQueues.Resolve(" Default, cpu,default ", hasGpu: false));

    [Fact]
    public void AnUnknownQueueIsRefusedByName()
    {
        var error = Assert.Throws<InvalidOperationException>(() => WorkerQueues.Resolve("gpu,gpus", hasGpu: true));

        Assert.Contains("gpus", error.Message);
    }
}
