using Platform.IntegrationTests.Support;
using Platform.Testing;

namespace Platform.IntegrationTests.Chaos;

/// <summary>
/// A cluster for fault runs: a PostgreSQL server of its own (so it can be stopped), gateway nodes and one worker as
/// separate processes on loopback, a webhook endpoint, and two tenants (<see cref="ChaosTenant"/>): the one under test and
/// another beside it, whose data must never reach the first one's subscriptions or webhooks. Faults: a node or the worker
/// killed (SIGKILL) and started again (a node on its ports), a node stalled (SIGSTOP) and resumed, the database stopped at
/// once and started again.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    /// <summary>
    /// A dead worker's job is taken over after this (the deployed default is 2 minutes): the same mechanism, sooner, so that
    /// the short runs in every test run do not spend most of their time waiting for it.
    /// </summary>
    public static readonly TimeSpan JobInvisibility = TimeSpan.FromSeconds(20);

    // The worker's webhook retries as deployed (6 attempts, 5 failed deliveries to disable), not the other tests' 1 and 3.
    private static readonly Dictionary<string, string?> WorkerEnvironment = new()
    {
        ["Platform__Webhooks__MaxAttempts"] = "6",
        ["Platform__Webhooks__DisableAfterFailures"] = "5",
        ["Platform__Jobs__InvisibilitySeconds"] = $"{JobInvisibility.TotalSeconds}",
        ["Logging__LogLevel__Hangfire"] = "Information", // its servers' start and recovery from failed states, in the run's log
    };

    private static readonly Dictionary<string, string?> NodeEnvironment = new()
    {
        ["Platform__Webhooks__AllowHttp"] = "true", // the endpoint listens on loopback
        ["Platform__Webhooks__AllowPrivateNetworks"] = "true",
        ["Platform__Jobs__InvisibilitySeconds"] = $"{JobInvisibility.TotalSeconds}",
    };

    private readonly PostgresServer database;
    private readonly GatewayProcess?[] nodes;
    private readonly NodePorts[] ports;
    private ChildProcess? worker;
    private string killedWorkersOutput = "";
    private readonly string[] killedNodesOutput;

    private ChaosCluster(PostgresServer database, NodeSettings settings, GatewayProcess[] nodes, WebhookReceiver receiver)
    {
        this.database = database;
        Settings = settings;
        this.nodes = nodes;
        Receiver = receiver;
        ports = nodes.Select(n => n.Ports).ToArray();
        killedNodesOutput = [.. nodes.Select(_ => "")];
    }

    public NodeSettings Settings { get; }

    public int Count => nodes.Length;

    public WebhookReceiver Receiver { get; }

    /// <summary>The tenant the load and the checks are about.</summary>
    public ChaosTenant Tenant { get; private set; } = null!;

    /// <summary>A second tenant with its own campaigns, webhook and a little load.</summary>
    public ChaosTenant Other { get; private set; } = null!;

    public static async Task<ChaosCluster> StartAsync(int nodeCount)
    {
        var database = await PostgresServer.StartPrivateAsync();
        var settings = new NodeSettings(await database.CreateDatabaseAsync("chaos"), $"sys_test_{Guid.NewGuid():N}", $"chaos-{Guid.NewGuid():N}"[..20]);
        var first = await GatewayProcess.StartAsync(settings, environment: NodeEnvironment); // applies the migrations before the others start
        var others = await Task.WhenAll(Enumerable.Range(1, nodeCount - 1).Select(_ => GatewayProcess.StartAsync(settings, environment: NodeEnvironment)));
        var cluster = new ChaosCluster(database, settings, [first, .. others], await WebhookReceiver.StartAsync());
        try
        {
            cluster.StartWorker();
            using var http = new GraphQLHttp(first.GraphQLUri);
            cluster.Tenant = await ChaosTenant.CreateAsync(http, settings.SystemKey, "chaos", cluster.Receiver.BaseUrl);
            cluster.Other = await ChaosTenant.CreateAsync(http, settings.SystemKey, "other", cluster.Receiver.BaseUrl);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public Uri GraphQLUri(int node) => new($"http://127.0.0.1:{ports[node].Http}/graphql");

    public async Task KillAsync(int node)
    {
        if (nodes[node] is { } running)
        {
            await running.KillAsync();
            killedNodesOutput[node] += running.Output + "\n--- killed ---\n";
            nodes[node] = null;
        }
    }

    /// <summary>Starts a killed node (or one that stopped itself) again on its old ports; false when it was running.</summary>
    public async Task<bool> RestartAsync(int node)
    {
        if (nodes[node] is { HasExited: false })
        {
            return false;
        }

        await KillAsync(node);
        nodes[node] = await GatewayProcess.StartAsync(Settings, ports[node], NodeEnvironment);
        return true;
    }

    /// <summary>SIGKILL of the worker, as a crash (or a lost machine) would; its output is kept for a failure message.</summary>
    public async Task KillWorkerAsync()
    {
        if (worker is not null)
        {
            await worker.DisposeAsync();
            killedWorkersOutput += worker.Output + "\n--- killed ---\n";
            worker = null;
        }
    }

    /// <summary>Starts the worker unless it is running.</summary>
    public void StartWorker()
    {
        if (worker is { HasExited: false })
        {
            return;
        }

        killedWorkersOutput += worker?.Output ?? "";
        worker = WorkerProcess.Start(Settings, environment: WorkerEnvironment);
    }

    public Task PauseAsync(int node) => nodes[node]!.PauseAsync();

    public Task ResumeAsync(int node) => nodes[node]!.ResumeAsync();

    public Task StopDatabaseAsync() => database.StopAsync();

    public Task StartDatabaseAsync() => database.RestartAsync();

    public bool IsRunning(int node) => nodes[node] is { HasExited: false };

    /// <summary>Starts every node that is not running (killed, or stopped itself after a stall) and the worker, so the checker reads a whole cluster.</summary>
    public async Task RestartStoppedAsync()
    {
        for (var node = 0; node < nodes.Length; node++)
        {
            await RestartAsync(node);
        }

        StartWorker();
    }

    /// <summary>A connection to the cluster's database, for the checks that read it directly.</summary>
    public async Task<Npgsql.NpgsqlConnection> OpenConnectionAsync()
    {
        var connection = new Npgsql.NpgsqlConnection(Settings.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The silos of the membership table with their status and suspicions, for the run's log.</summary>
    public async Task<string> MembershipAsync()
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT port, generation, status, coalesce(suspect_times, '') FROM orleans.membership WHERE cluster_id = @cluster ORDER BY port, generation", connection);
        command.Parameters.AddWithValue("cluster", Settings.ClusterId);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add($"silo port {reader.GetInt32(0)} generation {reader.GetInt32(1)}: {(Orleans.Runtime.SiloStatus)reader.GetInt32(2)}{(reader.GetString(3).Length > 0 ? ", suspected" : "")}");
        }

        return string.Join("; ", rows);
    }

    /// <summary>
    /// What a failed run's worker was doing, for what its log cannot tell: Hangfire's servers, locks and jobs by state,
    /// and the worker's thread stacks where `dotnet-stack` is installed (`dotnet tool install -g dotnet-stack`).
    /// </summary>
    public async Task<string> WorkerDiagnosticsAsync()
    {
        var text = new System.Text.StringBuilder();
        await using (var connection = await OpenConnectionAsync())
        {
            foreach (var query in (string[])[
                "SELECT id, lastheartbeat FROM hangfire.server",
                "SELECT resource, acquired FROM hangfire.lock",
                "SELECT statename, count(*) FROM hangfire.job GROUP BY statename",
                "SELECT queue, fetchedat IS NOT NULL AS fetched, count(*) FROM hangfire.jobqueue GROUP BY 1, 2"])
            {
                text.AppendLine(query);
                await using var command = new Npgsql.NpgsqlCommand(query, connection);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    text.AppendLine("  " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue)));
                }
            }
        }

        var tool = Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/root", ".dotnet", "tools", "dotnet-stack");
        if (worker is { HasExited: false } && File.Exists(tool))
        {
            using var stack = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(tool, ["report", "-p", worker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            text.AppendLine(await stack.StandardOutput.ReadToEndAsync(deadline.Token)).AppendLine(await stack.StandardError.ReadToEndAsync(deadline.Token));
            await stack.WaitForExitAsync(deadline.Token);
        }

        return text.ToString();
    }

    /// <summary>The output of every process the run started as this node, the killed ones first.</summary>
    public string Output(int node) => killedNodesOutput[node] + (nodes[node]?.Output ?? "(not running)");

    /// <summary>The output of every worker the run started, the killed ones first.</summary>
    public string WorkerOutput => killedWorkersOutput + (worker?.Output ?? "(not running)");

    public async ValueTask DisposeAsync()
    {
        for (var node = 0; node < nodes.Length; node++)
        {
            await KillAsync(node);
        }

        await KillWorkerAsync();
        await Receiver.DisposeAsync();
        try
        {
            await database.StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the run.
        }
    }
}
