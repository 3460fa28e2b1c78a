using Npgsql;

namespace Platform.Storage.Imports;

/// <summary>
/// A worker's hold on an import while it runs it: a session advisory lock on a connection of its own, so two workers
/// never run one import at once — not even when Hangfire hands its job to a second worker because the first stopped
/// renewing it (paused, or cut off from the database, past the job's invisibility timeout). A killed worker's session
/// ends with its connection, and the lock with it; the session asks the server to probe its client after 15 s of
/// silence, so the lock of a worker whose machine vanished goes within about a minute.
/// </summary>
public sealed class ImportLease : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly Guid importId;

    private ImportLease(NpgsqlConnection connection, Guid importId)
    {
        this.connection = connection;
        this.importId = importId;
    }

    /// <summary>The lease, or null while another worker holds it.</summary>
    public static async Task<ImportLease?> TryTakeAsync(NpgsqlDataSource dataSource, Guid importId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using (var keepalives = new NpgsqlCommand("SET tcp_keepalives_idle = 15; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 6", connection))
            {
                await keepalives.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var take = LockCommand("pg_try_advisory_lock", connection, importId);
            if (await take.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new ImportLease(connection, importId);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var release = LockCommand("pg_advisory_unlock", connection, importId);
            await release.ExecuteScalarAsync();
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            // The session is gone, and its lock with it.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private static NpgsqlCommand LockCommand(string function, NpgsqlConnection connection, Guid importId)
    {
        var command = new NpgsqlCommand($"SELECT {function}(hashtextextended('import:' || @id, 0))", connection);
        command.Parameters.AddWithValue("id", importId.ToString());
        return command;
    }
}
