using Platform.Domain.Jobs;

namespace Platform.Domain.Tests;

public sealed class TrainingQueueChoiceTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ALiveGpuWorkerGetsTheRun() =>
        Assert.Equal("gpu", TrainingQueueChoice.Choose([(["cpu", "default"], Now), (["gpu"], Now.AddSeconds(-40))], Now));

    [Fact]
    public void WithoutOneTheRunGoesToCpu()
    {
        Assert.Equal("cpu", TrainingQueueChoice.Choose([(["cpu", "default"], Now)], Now));
        Assert.Equal("cpu", TrainingQueueChoice.Choose([], Now));
    }

    [Fact]
    public void AGpuWorkerThatStoppedBeatingIsNotCounted() =>
        Assert.Equal("cpu", TrainingQueueChoice.Choose([(["gpu"], Now.AddMinutes(-5)), (["gpu"], null)], Now));
}
