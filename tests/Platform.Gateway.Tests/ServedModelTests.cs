using Platform.Gateway.Serving;

namespace Platform.Gateway.Tests;

/// <summary>A version swapped while a request scores with it: the request keeps its version to the end (docs/recommendations.md#serving).</summary>
public sealed class ServedModelTests
{
    [Fact]
    public void ARequestKeepsItsVersionThroughASwapAndTheOldOneIsFreedWhenItLetsGo()
    {
        var old = new ServedModel<Weights>(Guid.NewGuid(), new Weights());
        var lease = old.TryHold()!;

        old.Retire(); // a promotion replaced it while the request scored

        Assert.Equal((old.VersionId, false), (lease.VersionId, lease.Model.Disposed));
        Assert.Null(old.TryHold()); // later requests read the new version
        lease.Dispose();
        lease.Dispose();
        Assert.Equal(1, lease.Model.Disposals);
    }

    [Fact]
    public void AnUnheldVersionIsFreedWhenRetiredOnce()
    {
        var idle = new ServedModel<Weights>(Guid.NewGuid(), new Weights());
        var lease = idle.TryHold()!;
        lease.Dispose();

        idle.Retire();
        idle.Retire();

        Assert.Equal(1, idle.Model.Disposals);
    }

    private sealed class Weights : IDisposable
    {
        public int Disposals { get; private set; }

        public bool Disposed => Disposals > 0;

        public void Dispose() => Disposals++;
    }
}
