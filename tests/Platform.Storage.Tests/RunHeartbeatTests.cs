using Platform.Domain.Models;
using Platform.Storage.Models;
using Platform.Testing;

namespace Platform.Storage.Tests;

public sealed class RunHeartbeatTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly TimeSpan Beat = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TrainingRunStore runs = new(database.DataSource);

    [Fact]
    public async Task SavesTheLatestProgressAndPublishesItOnceWhileTheRunIsItsOwn()
    {
        var (tenant, run) = await ClaimedRunAsync();
        var published = new List<TrainingProgress>();
        await using var heartbeat = new RunHeartbeat(runs, run.Id, 1, progress => { lock (published) published.Add(progress); return Task.CompletedTask; }, CancellationToken.None, Beat);

        var epoch = new TrainingProgress("training", 2, 5, Epoch: 3, TrainLoss: 0.25);
        heartbeat.Report(epoch);
        await UntilAsync(async () => (await runs.FindAsync(tenant, run.Id))!.ProgressJson is { } saved && ModelJson.Read<TrainingProgress>(saved) == epoch);
        await UntilAsync(() => { lock (published) return Task.FromResult(published.Count == 1); });
        await Task.Delay(Beat * 4); // and not again

        lock (published)
        {
            Assert.Equal([epoch], published);
        }

        Assert.False(heartbeat.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task StopsTrainingAndSaysSoWhenASweepQueuedTheRunAgain()
    {
        var (_, run) = await ClaimedRunAsync();
        await using var heartbeat = new RunHeartbeat(runs, run.Id, 1, _ => Task.CompletedTask, CancellationToken.None, Beat);

        Assert.True(await runs.RequeueAsync(run.Id, 1, "worker-a was lost"));

        await UntilAsync(() => Task.FromResult(heartbeat.Token.IsCancellationRequested));
        Assert.True(heartbeat.TakenOver);
        Assert.Equal(TrainingRunStatus.Queued, heartbeat.StatusSeen);
    }

    [Fact]
    public async Task StopsTrainingWhenANewerAttemptHoldsTheRun()
    {
        var (_, run) = await ClaimedRunAsync();
        Assert.True(await runs.RequeueAsync(run.Id, 1, "worker-a was lost"));
        await runs.ClaimAsync(run.Id, "worker-b");

        await using var heartbeat = new RunHeartbeat(runs, run.Id, 1, _ => Task.CompletedTask, CancellationToken.None, Beat);

        await UntilAsync(() => Task.FromResult(heartbeat.Token.IsCancellationRequested));
        Assert.True(heartbeat.TakenOver);
        Assert.Null(heartbeat.StatusSeen);
    }

    [Fact]
    public async Task ACancelledRunStopsTrainingWithoutCountingAsTakenOver()
    {
        var (tenant, run) = await ClaimedRunAsync();
        await using var heartbeat = new RunHeartbeat(runs, run.Id, 1, _ => Task.CompletedTask, CancellationToken.None, Beat);

        await runs.CancelAsync(tenant, run.Id);

        await UntilAsync(() => Task.FromResult(heartbeat.Token.IsCancellationRequested));
        Assert.False(heartbeat.TakenOver);
        Assert.Null(heartbeat.StatusSeen);
    }

    private async Task<(string Tenant, TrainingRunRecord Run)> ClaimedRunAsync()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        var (run, _) = await runs.CreateAsync(tenant, ModelTask.Uplift, TrainingTrigger.Manual, "cpu", null);
        Assert.Equal(1, (await runs.ClaimAsync(run.Id, "worker-a"))!.Attempts);
        return (tenant, run);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the heartbeat did not get there in time");
            await Task.Delay(Beat);
        }
    }
}
