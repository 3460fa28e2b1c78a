using Platform.Testing;

namespace Platform.IntegrationTests.Support;

/// <summary>A gateway node and a real worker process on the same database and cluster.</summary>
public class PlatformWithWorker : PlatformFixture
{
    public ChildProcess Worker { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Worker = WorkerProcess.Start(Settings);
    }

    public override async Task DisposeAsync()
    {
        await Worker.DisposeAsync();
        await base.DisposeAsync();
    }
}
