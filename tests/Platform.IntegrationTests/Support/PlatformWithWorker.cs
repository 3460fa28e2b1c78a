using Platform.Testing;

namespace Platform.IntegrationTests.Support;

/// <summary>A gateway node and a real worker process on the same database and cluster.</summary>
public class PlatformWithWorker : PlatformFixture
{
    public ChildProcess Worker { get; private set; } = null!;

    private bool started;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Worker = WorkerProcess.Start(Settings);
        started = true;
    }

    // After a failed start there is nothing to stop: the start's own error is the one to report.
    public override async Task DisposeAsync()
    {
        if (!started)
        {
            return;
        }

        await Worker.DisposeAsync();
        await base.DisposeAsync();
    }
}
