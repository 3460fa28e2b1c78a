using System.Text.Json;
using Platform.IntegrationTests.Support;
using Platform.Testing;

namespace Platform.IntegrationTests.Jobs;

/// <summary>The diagnostic job end to end: GraphQL mutation, Hangfire queue, worker process, TorchSharp, subscription.</summary>
public sealed class SystemCheckTests(PlatformWithWorker platform) : IClassFixture<PlatformWithWorker>
{
    private const string RunFields = "id status worker torchVersion device threads postgresVersion lossBefore lossAfter durationMs error";

    [Fact]
    public async Task TheWorkerRunsTheCheckAndRecordsTorchDeviceThreadsPostgresAndDuration()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var queued = await platform.Http.PostAsync(admin, $"mutation {{ systemCheck(queue: CPU) {{ {RunFields} }} }}");
        queued.AssertSuccess();
        Assert.Equal("QUEUED", queued.Data.GetProperty("systemCheck").GetProperty("status").GetString());
        var id = queued.Data.GetProperty("systemCheck").GetProperty("id").GetString();

        var run = await WaitForFinishAsync(admin, id!);

        Expect.Equal("SUCCEEDED", run.GetProperty("status").GetString(), $"{run}\nworker output:\n{platform.Worker.Output}");
        Assert.StartsWith("2.", run.GetProperty("torchVersion").GetString());
        Assert.Equal("cpu", run.GetProperty("device").GetString());
        Assert.Equal(1, run.GetProperty("threads").GetInt32());
        Assert.StartsWith((await PostgresMajorAsync()) + ".", run.GetProperty("postgresVersion").GetString() + ".");
        Assert.True(run.GetProperty("lossAfter").GetDouble() < run.GetProperty("lossBefore").GetDouble());
        Assert.True(run.GetProperty("durationMs").GetDouble() > 0);
        Assert.False(string.IsNullOrEmpty(run.GetProperty("worker").GetString()));
    }

    [Fact]
    public async Task TheGraphQLWsClientFollowsARunUntilItCompletes()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var id = (await platform.Http.PostAsync(admin, "mutation { systemCheck { id } }")).Data.GetProperty("systemCheck").GetProperty("id").GetString();
        var report = Path.GetTempFileName();

        var (exitCode, output) = await NodeScripts.RunAsync("subscribe.mjs", new Dictionary<string, string?>
        {
            ["GRAPHQL_URL"] = platform.Node.GraphQLUri.ToString(),
            ["GRAPHQL_API_KEY"] = admin,
            ["SUBSCRIPTION"] = "subscription($id: ID!) { systemCheckProgress(id: $id) { status torchVersion } }",
            ["VARIABLES"] = JsonSerializer.Serialize(new { id }),
            ["REPORT_PATH"] = report,
            ["TIMEOUT_MS"] = "60000",
        });

        Expect.Equal(0, exitCode, output);
        var payloads = JsonDocument.Parse(File.ReadAllText(report)).RootElement.GetProperty("payloads");
        var statuses = payloads.EnumerateArray().Select(p => p.GetProperty("data").GetProperty("systemCheckProgress").GetProperty("status").GetString()).ToList();
        Assert.Equal("SUCCEEDED", statuses[^1]);
        Assert.Equal(statuses.Count, statuses.Distinct().Count());
    }

    [Fact]
    public async Task AnotherTenantCannotSubscribeToTheRun()
    {
        var (_, owner) = await platform.CreateTenantAsync("owner");
        var (_, other) = await platform.CreateTenantAsync("other");
        var id = (await platform.Http.PostAsync(owner, "mutation { systemCheck { id } }")).Data.GetProperty("systemCheck").GetProperty("id").GetString();

        var (exitCode, output) = await NodeScripts.RunAsync("subscribe.mjs", new Dictionary<string, string?>
        {
            ["GRAPHQL_URL"] = platform.Node.GraphQLUri.ToString(),
            ["GRAPHQL_API_KEY"] = other,
            ["SUBSCRIPTION"] = "subscription($id: ID!) { systemCheckProgress(id: $id) { status } }",
            ["VARIABLES"] = JsonSerializer.Serialize(new { id }),
            ["EXPECT_ERROR"] = "1",
        });

        Expect.Equal(0, exitCode, output);
        Assert.Contains("NOT_FOUND", output);
    }

    private Task<JsonElement> WaitForFinishAsync(string apiKey, string id) =>
        Eventually.ReadUntilAsync(
            async () => (await platform.Http.PostAsync(apiKey, $"query($id: ID!) {{ systemCheckRun(id: $id) {{ {RunFields} }} }}", new { id })).Data.GetProperty("systemCheckRun"),
            run => run.GetProperty("status").GetString() is "SUCCEEDED" or "FAILED",
            TimeSpan.FromSeconds(90));

    private async Task<string> PostgresMajorAsync()
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(platform.Settings.ConnectionString);
        await using var command = dataSource.CreateCommand("SHOW server_version");
        return ((string)(await command.ExecuteScalarAsync())!).Split('.')[0];
    }
}
