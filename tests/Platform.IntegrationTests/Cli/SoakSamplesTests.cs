using Platform.Cli.Bench;

namespace Platform.IntegrationTests.Cli;

/// <summary>How bench soak turns what it recorded into verdicts, and when it refuses to; no gateway needed.</summary>
public sealed class SoakSamplesTests
{
    private const int Minutes = 5;
    private const double WarmUp = 120;
    private const double Mb = 1024 * 1024;

    [Fact]
    public void SteadyMemoryQueueAndLatencyMeetEveryTarget()
    {
        var samples = Steady(workingSetMb: minute => 300, p99: _ => 8);

        var results = samples.Results(Minutes, WarmUp);

        Assert.All(results.Take(5), r => Assert.True(r.Met, $"{r.Metric}: {r.Value}"));
        Assert.Equal(Minutes, results.Count(r => r.Metric.StartsWith("minute ", StringComparison.Ordinal)));
    }

    [Fact]
    public void MemoryIsJudgedOnMinuteMeansAfterTheWarmUp()
    {
        // Growing during the warm-up does not count; 300 MB in minute 3, 345 MB in minute 5: +15%.
        var samples = Steady(workingSetMb: minute => minute switch { < 2 => 100, 2 => 300, 3 => 320, _ => 345 }, p99: _ => 8);

        var memory = samples.Results(Minutes, WarmUp)[0];

        Assert.False(memory.Met);
        Assert.StartsWith("+15.0%", memory.Value);
    }

    [Fact]
    public void ATailThatDoublesAndAGrowingQueueAreMissed()
    {
        var samples = Steady(workingSetMb: _ => 300, p99: minute => minute == Minutes - 1 ? 30 : 8);
        samples.Gauges.Add(new SoakSamples.Gauge(Minutes * 60 - 1, 300 * Mb, 80 * Mb, QueueLength: 500));

        var results = samples.Results(Minutes, WarmUp);

        Assert.False(results.Single(r => r.Metric.StartsWith("user(id) p99", StringComparison.Ordinal)).Met);
        Assert.False(results.Single(r => r.Metric.StartsWith("thread-pool queue", StringComparison.Ordinal)).Met);
    }

    [Fact]
    public void MissingOrImpossibleReadingsAreErrorsNotFigures()
    {
        var none = Steady(workingSetMb: _ => 300, p99: _ => 8);
        none.Gauges.Clear();
        var negative = Steady(workingSetMb: _ => 300, p99: _ => 8);
        negative.Gauges.Add(new SoakSamples.Gauge(200, -1, 80 * Mb, 0));

        Assert.True(none.Results(Minutes, WarmUp)[0].Error);
        Assert.True(negative.Results(Minutes, WarmUp)[0].Error);
        Assert.True(none.Results(Minutes, WarmUp).Single(r => r.Metric.StartsWith("thread-pool queue", StringComparison.Ordinal)).Error);
    }

    [Fact]
    public void AnEventNotAcknowledgedIsMissed()
    {
        var samples = Steady(workingSetMb: _ => 300, p99: _ => 8);
        samples.EventsSent += 500;
        samples.WriteErrors = 1;

        Assert.False(samples.Results(Minutes, WarmUp).Single(r => r.Metric == "events acknowledged").Met);
    }

    // A reading every 5 s and 100 reads a second (the slowest two of each second at the minute's p99), all events acknowledged.
    private static SoakSamples Steady(Func<int, double> workingSetMb, Func<int, double> p99)
    {
        var samples = new SoakSamples { EventsSent = 1_000, EventsAcknowledged = 1_000 };
        for (var second = 0; second < Minutes * 60; second++)
        {
            var minute = second / 60;
            for (var r = 0; r < 100; r++)
            {
                samples.Reads.Add((second + (r / 100.0), r >= 98 ? p99(minute) : 2));
            }

            if (second % 5 == 0)
            {
                samples.Gauges.Add(new SoakSamples.Gauge(second, workingSetMb(minute) * Mb, 80 * Mb, QueueLength: 2));
            }
        }

        return samples;
    }
}
