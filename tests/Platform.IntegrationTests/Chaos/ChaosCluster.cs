using Platform.IntegrationTests.Support;
using Platform.Testing;

namespace Platform.IntegrationTests.Chaos;

/// <summary>
/// A cluster for fault runs: a PostgreSQL server of its own (so it can be stopped), gateway nodes as separate processes on
/// loopback, and one tenant. Faults: a node killed (SIGKILL) and restarted on its ports, a node stalled (SIGSTOP) and
/// resumed, the database stopped at once and started again.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    private readonly PostgresServer database;
    private readonly GatewayProcess?[] nodes;
    private readonly NodePorts[] ports;

    private ChaosCluster(PostgresServer database, NodeSettings settings, GatewayProcess[] nodes)
    {
        this.database = database;
        Settings = settings;
        this.nodes = nodes;
        ports = nodes.Select(n => n.Ports).ToArray();
    }

    public NodeSettings Settings { get; }

    public int Count => nodes.Length;

    public string TenantId { get; private set; } = "";

    public string Key { get; private set; } = "";

    public static async Task<ChaosCluster> StartAsync(int nodeCount)
    {
        var database = await PostgresServer.StartPrivateAsync();
        var settings = new NodeSettings(await database.CreateDatabaseAsync("chaos"), $"sys_test_{Guid.NewGuid():N}", $"chaos-{Guid.NewGuid():N}"[..20]);
        var first = await GatewayProcess.StartAsync(settings); // applies the migrations before the others start
        var others = await Task.WhenAll(Enumerable.Range(1, nodeCount - 1).Select(_ => GatewayProcess.StartAsync(settings)));
        var cluster = new ChaosCluster(database, settings, [first, .. others]);
        using var http = new GraphQLHttp(first.GraphQLUri);
        (cluster.TenantId, cluster.Key) = await Tenants.CreateAsync(http, settings.SystemKey, "chaos");
        (await http.PostAsync(settings.SystemKey, Tenants.SetRateLimit, new { tenant = cluster.TenantId, perSecond = 100_000 })).AssertSuccess();
        return cluster;
    }

    public Uri GraphQLUri(int node) => new($"http://127.0.0.1:{ports[node].Http}/graphql");

    public async Task KillAsync(int node)
    {
        if (nodes[node] is { } running)
        {
            await running.KillAsync();
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
        nodes[node] = await GatewayProcess.StartAsync(Settings, ports[node]);
        return true;
    }

    public Task PauseAsync(int node) => nodes[node]!.PauseAsync();

    public Task ResumeAsync(int node) => nodes[node]!.ResumeAsync();

    public Task StopDatabaseAsync() => database.StopAsync();

    public Task StartDatabaseAsync() => database.RestartAsync();

    public bool IsRunning(int node) => nodes[node] is { HasExited: false };

    /// <summary>Starts every node that is not running (killed, or stopped itself after a stall), so the checker reads a whole cluster.</summary>
    public async Task RestartStoppedAsync()
    {
        for (var node = 0; node < nodes.Length; node++)
        {
            await RestartAsync(node);
        }
    }

    /// <summary>The silos of the membership table with their status and suspicions, for the run's log.</summary>
    public async Task<string> MembershipAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(Settings.ConnectionString);
        await connection.OpenAsync();
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

    /// <summary>The node's output, for a failure message.</summary>
    public string Output(int node) => nodes[node]?.Output ?? "(not running)";

    public async ValueTask DisposeAsync()
    {
        for (var node = 0; node < nodes.Length; node++)
        {
            await KillAsync(node);
        }

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
