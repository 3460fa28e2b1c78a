using Platform.Domain.Jobs;
using Platform.Storage.SystemChecks;
using Platform.Testing;

namespace Platform.Storage.Tests;

public sealed class SystemCheckStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly SystemCheckStore store = new(database.DataSource);

    [Fact]
    public async Task ARunGoesFromQueuedThroughRunningToSucceeded()
    {
        var run = await store.CreateAsync("shop-a", JobQueues.Default, requestedBy: null);
        Assert.Equal(RunStatus.Queued, run.Status);

        var running = await store.ClaimAsync(run.Id, "host:1");
        var done = await store.MarkSucceededAsync("shop-a", run.Id, new SystemCheckOutcome("2.10.0", "cpu", 2, "15.18", 4.2, 0.01, 35.5));

        Assert.Equal(RunStatus.Running, running!.Status);
        Assert.Equal("host:1", running.Worker);
        Assert.NotNull(running.StartedAt);
        Assert.Equal(RunStatus.Succeeded, done!.Status);
        Assert.Equal(("2.10.0", "cpu", 2, "15.18"), (done.TorchVersion, done.Device, done.Threads!.Value, done.PostgresVersion));
        Assert.NotNull(done.FinishedAt);
    }

    [Fact]
    public async Task AFinishedRunCannotStartAgain()
    {
        var run = await store.CreateAsync("shop-a", JobQueues.Cpu, requestedBy: null);
        await store.MarkFailedAsync("shop-a", run.Id, "boom");

        Assert.Null(await store.ClaimAsync(run.Id, "host:2"));
        Assert.Equal("boom", (await store.FindAsync("shop-a", run.Id))!.Error);
    }

    [Fact]
    public async Task AnotherTenantSeesNoRun()
    {
        var run = await store.CreateAsync("shop-a", JobQueues.Default, requestedBy: null);

        Assert.Null(await store.FindAsync("shop-z", run.Id));
        Assert.Null(await store.MarkFailedAsync("shop-z", run.Id, "not yours"));
        Assert.Equal(RunStatus.Queued, (await store.FindAsync("shop-a", run.Id))!.Status);
    }
}
