using Npgsql;
using Platform.Domain.Jobs;

namespace Platform.Storage.SystemChecks;

/// <summary>platform.system_check_runs. Reads are always scoped by tenant.</summary>
public sealed class SystemCheckStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, tenant_id, queue, status, requested_at, started_at, finished_at, worker, torch_version, device, " +
        "threads, postgres_version, loss_before, loss_after, duration_ms, error";

    public async Task<SystemCheckRecord> CreateAsync(string tenantId, string queue, Guid? requestedBy, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO platform.system_check_runs (id, tenant_id, queue, status, requested_by)
            VALUES (@id, @tenant, @queue, 'QUEUED', @requestedBy)
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("queue", queue);
        command.Parameters.AddWithValue("requestedBy", (object?)requestedBy ?? DBNull.Value);
        return (await ReadAsync(command, cancellationToken))!;
    }

    public async Task<SystemCheckRecord?> FindAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM platform.system_check_runs WHERE tenant_id = @tenant AND id = @id");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", id);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>
    /// A worker takes the run: it becomes RUNNING and the record (with its tenant) is returned; null when it
    /// does not exist or has already finished. Workers only know run ids, so this is the one unscoped call.
    /// </summary>
    public async Task<SystemCheckRecord?> ClaimAsync(Guid id, string worker, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            UPDATE platform.system_check_runs
            SET status = 'RUNNING', started_at = now(), worker = @worker
            WHERE id = @id AND status IN ('QUEUED', 'RUNNING')
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("worker", worker);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<SystemCheckRecord?> MarkSucceededAsync(string tenantId, Guid id, SystemCheckOutcome outcome, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            UPDATE platform.system_check_runs
            SET status = 'SUCCEEDED', finished_at = now(), torch_version = @torch, device = @device, threads = @threads,
                postgres_version = @postgres, loss_before = @lossBefore, loss_after = @lossAfter, duration_ms = @duration, error = NULL
            WHERE tenant_id = @tenant AND id = @id
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("torch", outcome.TorchVersion);
        command.Parameters.AddWithValue("device", outcome.Device);
        command.Parameters.AddWithValue("threads", outcome.Threads);
        command.Parameters.AddWithValue("postgres", outcome.PostgresVersion);
        command.Parameters.AddWithValue("lossBefore", outcome.LossBefore);
        command.Parameters.AddWithValue("lossAfter", outcome.LossAfter);
        command.Parameters.AddWithValue("duration", outcome.DurationMs);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<SystemCheckRecord?> MarkFailedAsync(string tenantId, Guid id, string error, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            UPDATE platform.system_check_runs SET status = 'FAILED', finished_at = now(), error = @error
            WHERE tenant_id = @tenant AND id = @id
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("error", error);
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<SystemCheckRecord?> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new SystemCheckRecord(
            reader.GetGuid(0),
            reader.GetString(1),
            reader.GetString(2),
            RunStatusNames.FromWire(reader.GetString(3)),
            reader.GetFieldValue<DateTimeOffset>(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetString(9),
            reader.IsDBNull(10) ? null : reader.GetInt32(10),
            reader.IsDBNull(11) ? null : reader.GetString(11),
            reader.IsDBNull(12) ? null : reader.GetDouble(12),
            reader.IsDBNull(13) ? null : reader.GetDouble(13),
            reader.IsDBNull(14) ? null : reader.GetDouble(14),
            reader.IsDBNull(15) ? null : reader.GetString(15));
    }
}
