using Platform.Cli.Bench;
using Platform.Cli.Commands;

namespace Platform.IntegrationTests.Cli;

/// <summary>How bench abuse judges a flood, and when it refuses to give a figure; no gateway needed.</summary>
public sealed class AbuseResultsTests
{
    private static readonly LatencyBench.Result Alone = Reads(p99: 3);
    private static readonly AbuseBenchCommand.FloodCounts Counts = new(Sent: 1_000, Answered: 200, Refused: 800, Failed: 0);
    private static readonly AbuseBenchCommand.CpuShares Cpu = new(Gateway: 0.3, Client: 0.2);

    [Theory]
    [InlineData(3, 5, true)] // 1.7×, under 10 ms
    [InlineData(3, 7, false)] // 2.3×
    [InlineData(8, 12, false)] // 1.5×, but over the storefront target
    public void TheReadersP99IsHeldToTwiceItsOwnAndTheStorefrontTarget(double p99Alone, double p99During, bool met)
    {
        var results = AbuseBenchCommand.Results(Reads(p99Alone), new AbuseBenchCommand.FloodRun("reads", Reads(p99During), Counts, Cpu));

        Assert.Equal(met, results[0].Met);
    }

    [Fact]
    public void NoAnsweredReadOrACounterGoingBackwardsIsAnErrorNotAFigure()
    {
        var unanswered = AbuseBenchCommand.Results(Alone, new AbuseBenchCommand.FloodRun("reads", new LatencyBench.Result([], 100, Errors: 100), Counts, Cpu));
        var restarted = AbuseBenchCommand.Results(Alone, new AbuseBenchCommand.FloodRun("reads", Reads(4), Counts, Cpu with { Gateway = -0.5 }));

        Assert.True(unanswered[0].Error);
        Assert.False(unanswered.Single(r => r.Metric.StartsWith("reader's errors", StringComparison.Ordinal)).Met);
        Assert.True(restarted.Single(r => r.Metric.StartsWith("cores busy", StringComparison.Ordinal)).Error);
    }

    // 1,000 reads of 1 ms with the slowest 2% at the given p99.
    private static LatencyBench.Result Reads(double p99) =>
        new(Enumerable.Range(0, 1_000).Select(i => i >= 980 ? p99 : 1.0).ToList(), 100, Errors: 0);
}
