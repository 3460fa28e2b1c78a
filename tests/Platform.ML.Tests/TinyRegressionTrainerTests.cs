namespace Platform.ML.Tests;

public sealed class TinyRegressionTrainerTests
{
    private const int Steps = 60;

    public TinyRegressionTrainerTests() => TorchRuntime.Initialize(threads: 2);

    [Fact]
    public void TrainingLowersTheLoss()
    {
        var run = TinyRegressionTrainer.Train(seed: 7, steps: Steps);

        Assert.Equal(Steps, run.Losses.Count);
        Assert.All(run.Losses, loss => Assert.True(double.IsFinite(loss)));
        Assert.True(run.Losses[^1] < run.Losses[0] / 10, $"loss went from {run.Losses[0]} to {run.Losses[^1]}");
    }

    [Fact]
    public void TwoRunsWithTheSameSeedGiveBitIdenticalWeights()
    {
        var first = TinyRegressionTrainer.Train(seed: 42, steps: Steps);
        var second = TinyRegressionTrainer.Train(seed: 42, steps: Steps);

        Assert.Equal(Bits(first.Weights), Bits(second.Weights));
        Assert.Equal(first.Losses, second.Losses);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentWeights()
    {
        var first = TinyRegressionTrainer.Train(seed: 1, steps: Steps);
        var second = TinyRegressionTrainer.Train(seed: 2, steps: Steps);

        Assert.Equal(first.Weights.Length, second.Weights.Length);
        Assert.NotEqual(Bits(first.Weights), Bits(second.Weights));
    }

    private static int[] Bits(float[] weights) => [.. weights.Select(BitConverter.SingleToInt32Bits)];
}
