using System.Diagnostics;
using Npgsql;
using Platform.Storage.Database;

namespace Platform.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: initdb + pg_ctl in a temporary directory, on a free
/// loopback port, removed when the test process exits. Set PLATFORM_TEST_DATABASE_URL to use an existing
/// server instead. Each test class asks for its own fresh database. A test that stops the server (the fault
/// harness) starts a private one of its own (<see cref="StartPrivateAsync"/>).
/// </summary>
public sealed class PostgresServer
{
    private const string DirectoryPrefix = "platform-pg-";
    private static readonly Lazy<Task<PostgresServer>> Shared = new(() => StartAsync(allowExternal: true, durable: false));
    private readonly string adminConnectionString;
    private readonly Cluster? cluster;

    private PostgresServer(string adminConnectionString, Cluster? cluster = null) => (this.adminConnectionString, this.cluster) = (adminConnectionString, cluster);

    public static Task<PostgresServer> InstanceAsync() => Shared.Value;

    /// <summary>
    /// A server of its own, never an external one, for tests that stop and restart it: with PostgreSQL's durable defaults
    /// (the shared one turns fsync and synchronous commit off for speed, so a crash of it may lose the last commits).
    /// </summary>
    public static Task<PostgresServer> StartPrivateAsync() => StartAsync(allowExternal: false, durable: true);

    /// <summary>Stops the server at once, as a crash would (pg_ctl -m immediate); connections fail until <see cref="RestartAsync"/>.</summary>
    public Task StopAsync() => RunServerToolAsync(OwnCluster.AsPostgres, Path.Combine(OwnCluster.Bin, "pg_ctl"), $"-D \"{OwnCluster.Data}\" -m immediate -w stop");

    /// <summary>Starts a stopped server again on the same port and data.</summary>
    public Task RestartAsync() => RunServerToolAsync(OwnCluster.AsPostgres, Path.Combine(OwnCluster.Bin, "pg_ctl"), OwnCluster.StartArguments);

    private Cluster OwnCluster => cluster ?? throw new InvalidOperationException("Only a server this test run started can be stopped.");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        var label = (prefix ?? "test").ToLowerInvariant();
        var name = $"{label[..Math.Min(label.Length, 20)]}_{Guid.NewGuid():N}"; // PostgreSQL names stop at 63 bytes
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    private static async Task<PostgresServer> StartAsync(bool allowExternal, bool durable)
    {
        var external = Environment.GetEnvironmentVariable("PLATFORM_TEST_DATABASE_URL");
        if (allowExternal && !string.IsNullOrEmpty(external))
        {
            return new PostgresServer(DatabaseUrl.ToConnectionString(external));
        }

        var bin = FindBinaries();
        RemoveAbandonedClusters();
        var root = Directory.CreateTempSubdirectory(DirectoryPrefix).FullName;
        var data = Path.Combine(root, "data");
        var port = FreePorts.Next();
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
        {
            await RunAsync("chown", $"postgres \"{root}\"");
        }

        await RunServerToolAsync(asPostgres, Path.Combine(bin, "initdb"), $"-D \"{data}\" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync");
        var fast = durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        var cluster = new Cluster(bin, data, asPostgres,
            $"-D \"{data}\" -l \"{root}/server.log\" -w -t 60 -o \"-p {port} -k {root} -c listen_addresses=127.0.0.1{fast} -c max_connections=300\" start");
        await RunServerToolAsync(asPostgres, Path.Combine(bin, "pg_ctl"), cluster.StartArguments);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(asPostgres, bin, data, root);
        WatchOwner(asPostgres, bin, data, root);
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false", cluster);
    }

    private sealed record Cluster(string Bin, string Data, bool AsPostgres, string StartArguments);

    private static void Stop(bool asPostgres, string bin, string data, string root)
    {
        try
        {
            RunServerToolAsync(asPostgres, Path.Combine(bin, "pg_ctl"), $"-D \"{data}\" -m immediate -w stop").GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already stopped (a test stopped it, or it never came back).
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// Stops the server and removes its directory once this process is gone, however it ends: the test host is often torn
    /// down before ProcessExit handlers run, which left servers running after the tests.
    /// </summary>
    private static void WatchOwner(bool asPostgres, string bin, string data, string root)
    {
        var stop = $"{(asPostgres ? "runuser -u postgres -- " : "")}'{Path.Combine(bin, "pg_ctl")}' -D '{data}' -m immediate -w stop";
        using var watcher = Process.Start(new ProcessStartInfo("setsid", ["sh", "-c", $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 2; done; {stop} >/dev/null 2>&1; rm -rf '{root}'"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        });
    }

    // The test host may be torn down before ProcessExit handlers finish; later runs clean up after it.
    private static void RemoveAbandonedClusters()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            var pidFile = Path.Combine(directory, "data", "postmaster.pid");
            var running = File.Exists(pidFile)
                && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid)
                && Directory.Exists($"/proc/{pid}")
                && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
            if (!running && Directory.GetLastWriteTimeUtc(directory) < DateTime.UtcNow.AddMinutes(-2))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                    // Another run is removing it.
                }
            }
        }
    }

    private static string FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: run ./platform test (it installs them) or apt-get install postgresql.");
    }

    private static Task RunServerToolAsync(bool asPostgres, string tool, string arguments) =>
        asPostgres ? RunAsync("runuser", $"-u postgres -- \"{tool}\" {arguments}") : RunAsync(tool, arguments);

    private static async Task RunAsync(string fileName, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {arguments} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
