using System.Text.Json;
using Platform.IntegrationTests.Support;
using Platform.Testing;

namespace Platform.IntegrationTests.Models;

/// <summary>A worker killed in the middle of a training run: the run is queued again and finished elsewhere; the ACTIVE version never changes meanwhile.</summary>
public sealed class TrainingCrashTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string Run = "query($id: ID!) { trainingRun(id: $id) { status attempts error worker progress { phase } version { id status } } }";

    [Fact]
    public async Task ARunWhoseWorkerWasKilledIsRetriedOnAnotherAndTheActiveVersionIsUntouched()
    {
        var (_, admin) = await platform.CreateTenantAsync("crash");
        string activeId;
        await using (var first = WorkerProcess.Start(platform.Settings))
        {
            var import = await ImportCalls.ImportAsync(platform.Http, admin, "EXPERIMENT", "spring.csv", SyntheticExperiment.Csv(12_000), SyntheticExperiment.Options);
            Expect.Equal("SUCCEEDED", import.GetProperty("status").GetString(), import.ToString());
            var trained = await FinishedAsync(admin, await TrainAsync(admin));
            Expect.Equal("SUCCEEDED", trained.GetProperty("status").GetString(), $"{trained}\n{first.Output}");
            activeId = trained.GetProperty("version").GetProperty("id").GetString()!;

            var id = await TrainAsync(admin);
            await Eventually.ReadUntilAsync(() => RunAsync(admin, id), run => run.GetProperty("progress").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(60));
            await first.DisposeAsync(); // SIGKILL in the middle of training

            Assert.Equal(activeId, await ActiveVersionAsync(admin));
            await using var second = WorkerProcess.Start(platform.Settings);
            var retried = await FinishedAsync(admin, id);

            Expect.Equal(("SUCCEEDED", 2), (retried.GetProperty("status").GetString(), retried.GetProperty("attempts").GetInt32()), $"{retried}\n{second.Output}");
            Assert.NotEqual(activeId, retried.GetProperty("version").GetProperty("id").GetString());
            Assert.Equal(activeId, await ActiveVersionAsync(admin)); // the same data again: the new version ties and stays a CANDIDATE
        }
    }

    private async Task<string> TrainAsync(string admin)
    {
        var queued = await platform.Http.PostAsync(admin, "mutation { trainModels(task: UPLIFT) { id } }");
        queued.AssertSuccess();
        return queued.Data.GetProperty("trainModels").GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> RunAsync(string admin, string id) => (await platform.Http.PostAsync(admin, Run, new { id })).Data.GetProperty("trainingRun");

    // The second worker sweeps 6 s after its start (the test workers' SilenceSeconds), when the killed one's run has been
    // silent that long; the minutely sweep would find it too, up to a minute later.
    private Task<JsonElement> FinishedAsync(string admin, string id) =>
        Eventually.ReadUntilAsync(() => RunAsync(admin, id), run => run.GetProperty("status").GetString() is not ("QUEUED" or "RUNNING"), TimeSpan.FromSeconds(240));

    private async Task<string?> ActiveVersionAsync(string admin) =>
        (await platform.Http.PostAsync(admin, "{ models(task: UPLIFT) { nodes { id status } } }")).Data.GetProperty("models").GetProperty("nodes").EnumerateArray()
            .SingleOrDefault(v => v.GetProperty("status").GetString() == "ACTIVE") is { ValueKind: JsonValueKind.Object } active ? active.GetProperty("id").GetString() : null;
}
