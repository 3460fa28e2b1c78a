using Platform.Domain.Models;
using Platform.Storage.Models;
using Platform.Testing;

namespace Platform.Storage.Tests;

public sealed class TrainingRunStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly TrainingRunStore runs = new(database.DataSource);

    [Fact]
    public async Task OnlyTheAttemptRunningNowIsQueuedAgainOrFinished()
    {
        var (run, _) = await runs.CreateAsync($"t{Guid.NewGuid():N}"[..12], ModelTask.Uplift, TrainingTrigger.Manual, "cpu", null);
        var first = await runs.ClaimAsync(run.Id, "worker-a");
        Assert.Equal(1, first!.Attempts);

        // A sweep found attempt 1 silent and queued the run again; another worker claimed it.
        Assert.True(await runs.RequeueAsync(run.Id, 1, "worker-a was lost"));
        Assert.Equal(2, (await runs.ClaimAsync(run.Id, "worker-b"))!.Attempts);

        // A second sweep that had read attempt 1 before, and attempt 1's own worker waking up, change nothing.
        Assert.False(await runs.RequeueAsync(run.Id, 1, "worker-a was lost"));
        Assert.Null(await runs.FinishAsync(run.Id, 1, TrainingRunStatus.Succeeded, null, null));

        var finished = await runs.FinishAsync(run.Id, 2, TrainingRunStatus.Succeeded, null, null);
        Assert.Equal((TrainingRunStatus.Succeeded, "worker-b"), (finished!.Status, finished.Worker));
    }

    [Fact]
    public async Task AnAttemptsHeartbeatTellsItWhenTheRunIsNoLongerItsOwnAndLeavesTheNewerAttemptAlone()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        var (run, _) = await runs.CreateAsync(tenant, ModelTask.Uplift, TrainingTrigger.Manual, "cpu", null);
        await runs.ClaimAsync(run.Id, "worker-a");
        Assert.Equal(TrainingRunStatus.Running, await runs.HeartbeatAsync(run.Id, 1, """{"phase": "training", "step": 1}"""));

        // Attempt 1's worker fell silent; a sweep queued the run again: attempt 1 is told so before anyone claims it.
        Assert.True(await runs.RequeueAsync(run.Id, 1, "worker-a was lost"));
        Assert.Equal(TrainingRunStatus.Queued, await runs.HeartbeatAsync(run.Id, 1, """{"phase": "training", "step": 2}"""));

        await runs.ClaimAsync(run.Id, "worker-b");
        Assert.Equal(TrainingRunStatus.Running, await runs.HeartbeatAsync(run.Id, 2, """{"phase": "reading", "step": 1}"""));
        Assert.Null(await runs.HeartbeatAsync(run.Id, 1, """{"phase": "evaluating", "step": 5}"""));

        Assert.Contains("reading", (await runs.FindAsync(tenant, run.Id))!.ProgressJson);
    }

    [Fact]
    public async Task OnlyTheAttemptRunningTheRunCanPromoteAVersion()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        var registry = new ModelRegistry(database.DataSource);
        var (run, _) = await runs.CreateAsync(tenant, ModelTask.Uplift, TrainingTrigger.Manual, "cpu", null);
        await runs.ClaimAsync(run.Id, "worker-a");
        var late = await registry.AddAsync(tenant, ModelTask.Uplift, run.Id, [1, 2, 3], "{}", "{}", "{}", "CANDIDATE: attempt 1");

        // Attempt 1's worker was counted lost and the run queued again and claimed before it came to promote its version.
        Assert.True(await runs.RequeueAsync(run.Id, 1, "worker-a was lost"));
        await runs.ClaimAsync(run.Id, "worker-b");

        Assert.Null(await registry.ActivateAsync(tenant, late.Id, "ACTIVE: attempt 1", (run.Id, 1)));
        Assert.Null(await registry.ActiveAsync(tenant, ModelTask.Uplift));
        var current = await registry.AddAsync(tenant, ModelTask.Uplift, run.Id, [4, 5, 6], "{}", "{}", "{}", "CANDIDATE: attempt 2");
        Assert.Equal(ModelVersionStatus.Active, (await registry.ActivateAsync(tenant, current.Id, "ACTIVE: attempt 2", (run.Id, 2)))!.Status);
    }
}
