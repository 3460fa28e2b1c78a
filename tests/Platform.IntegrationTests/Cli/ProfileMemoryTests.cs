using Platform.Cli.Bench;

namespace Platform.IntegrationTests.Cli;

/// <summary>How bench ingest turns two heap readings into memory per active profile, and when it refuses to; no gateway needed.</summary>
public sealed class ProfileMemoryTests
{
    private const int Users = 10_000;
    private const double ProfileAlone = 6 * 1024;
    private static readonly NodeHeap.Figures Before = new(LiveHeapBytes: 200_000_000, UserGrains: 500);

    [Fact]
    public void TheHeapsGrowthIsDividedByTheNewUserGrains()
    {
        var after = new NodeHeap.Figures(Before.LiveHeapBytes + 10_200 * 9 * 1024, Before.UserGrains + 10_200);

        var measure = ProfileMemory.Of(Before, after, Users, ProfileAlone);

        Assert.Null(measure.Error);
        Assert.Equal(10_200, measure.Activations);
        Assert.Equal(9 * 1024, measure.BytesPerActivation!.Value, 6);
    }

    [Fact]
    public void AHeapThatShrankIsAnErrorNotAFigure()
    {
        // The figure once printed as "met": −10.2 KB per profile, because other grains were collected meanwhile.
        var after = new NodeHeap.Figures(Before.LiveHeapBytes - 100_000_000, Before.UserGrains + Users);

        var measure = ProfileMemory.Of(Before, after, Users, ProfileAlone);

        Assert.Null(measure.BytesPerActivation);
        Assert.Contains("less than the profile alone", measure.Error);
    }

    [Fact]
    public void TooFewNewUserGrainsIsAnError()
    {
        var after = new NodeHeap.Figures(Before.LiveHeapBytes + Users * 9 * 1024, Before.UserGrains + Users / 2);

        var measure = ProfileMemory.Of(Before, after, Users, ProfileAlone);

        Assert.Null(measure.BytesPerActivation);
        Assert.Contains("5,000 more user grains for 10,000 bench users", measure.Error);
    }

    [Fact]
    public void AProfileAloneOfNoBytesIsAnError()
    {
        var after = new NodeHeap.Figures(Before.LiveHeapBytes + Users * 9 * 1024, Before.UserGrains + Users);

        var measure = ProfileMemory.Of(Before, after, Users, profileItselfBytes: -20);

        Assert.Null(measure.BytesPerActivation);
        Assert.Contains("the profile alone measured", measure.Error);
    }
}
