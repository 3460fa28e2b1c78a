using Npgsql;

namespace Platform.Cli.Bench;

/// <summary>
/// Beside the live ingest probe: a one-row INSERT committed every <see cref="LiveIngestProbe.Interval"/> into a scratch
/// table of the platform's database, on a connection of its own, timed. It is what a commit costs the database at that
/// moment without the gateway: when the live requests stall and these commits do too, the stall is the database's
/// commit (its WAL flush behind other writes); when only the live requests do, it is elsewhere.
/// </summary>
public sealed class CommitProbe : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly string table = $"events.bench_commit_{Guid.NewGuid():N}"[..39];

    private CommitProbe(NpgsqlConnection connection) => this.connection = connection;

    public static async Task<CommitProbe> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var probe = new CommitProbe(connection);
        await probe.ExecuteAsync($"CREATE TABLE {probe.table} (at timestamptz NOT NULL)", cancellationToken);
        return probe;
    }

    /// <summary>Commits until <paramref name="stop"/> is cancelled; returns the commit times in milliseconds, sorted, each timed from when it was due.</summary>
    public Task<IReadOnlyList<double>> RunAsync(CancellationToken stop) =>
        LiveIngestProbe.PacedAsync(() => ExecuteAsync($"INSERT INTO {table} VALUES (now())", CancellationToken.None), stop);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteAsync($"DROP TABLE IF EXISTS {table}", CancellationToken.None);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
