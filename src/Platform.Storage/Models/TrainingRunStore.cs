using Npgsql;
using Platform.Domain;
using Platform.Domain.Models;

namespace Platform.Storage.Models;

/// <summary>models.training_runs. Reads are scoped by tenant; a worker claims a run by id (it knows nothing else).</summary>
public sealed class TrainingRunStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, tenant_id, task, status, trigger, queue, attempts, progress, error, version_id, worker, created_at, started_at, finished_at";

    /// <summary>Queues a run; when one of the tenant's runs of that task is already queued or running, returns that one (created = false).</summary>
    public async Task<(TrainingRunRecord Run, bool Created)> CreateAsync(
        string tenantId, ModelTask task, TrainingTrigger trigger, string queue, Guid? requestedBy, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO models.training_runs (id, tenant_id, task, status, trigger, queue, requested_by)
            VALUES (@id, @tenant, @task, 'QUEUED', @trigger, @queue, @requested_by)
            ON CONFLICT (tenant_id, task) WHERE status IN ('QUEUED', 'RUNNING') DO NOTHING
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("task", WireNames.ToWire(task));
        command.Parameters.AddWithValue("trigger", WireNames.ToWire(trigger));
        command.Parameters.AddWithValue("queue", queue);
        command.Parameters.AddWithValue("requested_by", (object?)requestedBy ?? DBNull.Value);
        if ((await ReadAsync(command, cancellationToken)).FirstOrDefault() is { } created)
        {
            return (created, true);
        }

        return (await ActiveAsync(tenantId, task, cancellationToken) ?? throw new InvalidOperationException("A run was both active and not."), false);
    }

    /// <summary>Records a scheduled run that had nothing to do (no new data), finished at once.</summary>
    public async Task<TrainingRunRecord> RecordSkippedAsync(string tenantId, ModelTask task, string reason, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO models.training_runs (id, tenant_id, task, status, trigger, queue, error, finished_at)
            VALUES (@id, @tenant, @task, 'SKIPPED', 'SCHEDULE', 'none', @reason, now())
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("task", WireNames.ToWire(task));
        command.Parameters.AddWithValue("reason", reason);
        return (await ReadAsync(command, cancellationToken)).Single();
    }

    public async Task<TrainingRunRecord?> ActiveAsync(string tenantId, ModelTask task, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM models.training_runs WHERE tenant_id = @tenant AND task = @task AND status IN ('QUEUED', 'RUNNING')");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("task", WireNames.ToWire(task));
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    public async Task<TrainingRunRecord?> FindAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM models.training_runs WHERE tenant_id = @tenant AND id = @id");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", id);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <summary>The tenant's runs, newest first, optionally of one task; <paramref name="after"/> is the (created at, id) of the last one read.</summary>
    public async Task<IReadOnlyList<TrainingRunRecord>> ListAsync(
        string tenantId, ModelTask? task, int limit, (DateTimeOffset CreatedAt, Guid Id)? after, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM models.training_runs
            WHERE tenant_id = @tenant AND (@task::text IS NULL OR task = @task)
              AND (@after_at::timestamptz IS NULL OR (created_at, id) < (@after_at, @after_id))
            ORDER BY created_at DESC, id DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.Add(new NpgsqlParameter<string?>("task", task is { } t ? WireNames.ToWire(t) : null));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("after_at", after?.CreatedAt));
        command.Parameters.AddWithValue("after_id", after?.Id ?? Guid.Empty);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>
    /// A worker takes the run: RUNNING, one more attempt. Only a QUEUED run can be taken, so a job Hangfire hands out
    /// twice never trains twice (a run whose worker died is queued again by the sweeper). Null when it cannot be taken.
    /// </summary>
    public async Task<TrainingRunRecord?> ClaimAsync(Guid id, string worker, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE models.training_runs
            SET status = 'RUNNING', attempts = attempts + 1, worker = @worker, started_at = now(), heartbeat_at = now()
            WHERE id = @id AND status = 'QUEUED'
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("worker", worker);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <summary>
    /// Attempt <paramref name="attempt"/> failed and another will follow: the run is QUEUED again with the reason. False
    /// when that attempt is no longer the one running (cancelled, or already queued again and claimed by a sweep before).
    /// </summary>
    public async Task<bool> RequeueAsync(Guid id, int attempt, string reason, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE models.training_runs SET status = 'QUEUED', error = @reason WHERE id = @id AND status = 'RUNNING' AND attempts = @attempt");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("attempt", attempt);
        command.Parameters.AddWithValue("reason", Storable(reason)!);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task SetJobAsync(Guid id, string jobId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE models.training_runs SET job_id = @job WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("job", jobId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Attempt <paramref name="attempt"/> saves its latest progress and proves its worker alive; returns the run's status
    /// (anything but RUNNING tells the worker to stop: CANCELLED, or QUEUED again by a sweep that found it silent), or null
    /// when a newer attempt has taken the run, whose beats and progress this one then leaves alone.
    /// </summary>
    public async Task<TrainingRunStatus?> HeartbeatAsync(Guid id, int attempt, string progressJson, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE models.training_runs SET heartbeat_at = now(), progress = CASE WHEN status = 'RUNNING' THEN @progress::jsonb ELSE progress END
            WHERE id = @id AND attempts = @attempt RETURNING status
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("attempt", attempt);
        command.Parameters.AddWithValue("progress", progressJson);
        return await command.ExecuteScalarAsync(cancellationToken) is string status && WireNames.TryParse<TrainingRunStatus>(status, out var parsed) ? parsed : null;
    }

    /// <summary>
    /// Ends attempt <paramref name="attempt"/> of a running run (SUCCEEDED with its version, or FAILED with the reason); a
    /// cancelled run stays cancelled, and an attempt that is no longer the one running changes nothing.
    /// </summary>
    public async Task<TrainingRunRecord?> FinishAsync(Guid id, int attempt, TrainingRunStatus status, string? error, Guid? versionId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE models.training_runs SET status = @status, error = @error, version_id = @version, finished_at = now()
            WHERE id = @id AND status = 'RUNNING' AND attempts = @attempt
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("attempt", attempt);
        command.Parameters.AddWithValue("status", WireNames.ToWire(status));
        command.Parameters.AddWithValue("error", (object?)Storable(error) ?? DBNull.Value);
        command.Parameters.AddWithValue("version", (object?)versionId ?? DBNull.Value);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <summary>
    /// Cancels a queued or running run of the tenant. Returns it (unchanged when it had already finished) with its status
    /// before and its Hangfire job, or a null run when the tenant has none with this id.
    /// </summary>
    public async Task<(TrainingRunRecord? Run, TrainingRunStatus? Before, string? JobId)> CancelAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE models.training_runs r
            SET status = CASE WHEN before.status IN ('QUEUED', 'RUNNING') THEN 'CANCELLED' ELSE before.status END,
                finished_at = CASE WHEN before.status IN ('QUEUED', 'RUNNING') THEN now() ELSE r.finished_at END
            FROM (SELECT id, status FROM models.training_runs WHERE tenant_id = @tenant AND id = @id FOR UPDATE) before
            WHERE r.id = before.id
            RETURNING {string.Join(", ", Columns.Split(", ").Select(c => "r." + c))}, r.job_id, before.status
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (null, null, null);
        }

        return (Read(reader), Parse<TrainingRunStatus>(reader.GetString(15)), reader.IsDBNull(14) ? null : reader.GetString(14));
    }

    /// <summary>Runs whose worker stopped proving it alive: RUNNING with no heartbeat for <paramref name="silence"/>.</summary>
    public async Task<IReadOnlyList<TrainingRunRecord>> SilentAsync(TimeSpan silence, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM models.training_runs WHERE status = 'RUNNING' AND heartbeat_at < now() - @silence");
        command.Parameters.AddWithValue("silence", silence);
        return await ReadAsync(command, cancellationToken);
    }

    // PostgreSQL text cannot hold NUL; an error message is for people, so it is cleaned and bounded.
    private static string? Storable(string? text) => text is null ? null : new string(text.Where(c => c != '\0').Take(2_000).ToArray());

    private static async Task<List<TrainingRunRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var runs = new List<TrainingRunRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(Read(reader));
        }

        return runs;
    }

    private static TrainingRunRecord Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        Parse<ModelTask>(reader.GetString(2)),
        Parse<TrainingRunStatus>(reader.GetString(3)),
        Parse<TrainingTrigger>(reader.GetString(4)),
        reader.GetString(5),
        reader.GetInt32(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetGuid(9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.GetFieldValue<DateTimeOffset>(11),
        reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
        reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13));

    internal static T Parse<T>(string wire)
        where T : struct, Enum =>
        WireNames.TryParse<T>(wire, out var value) ? value : throw new InvalidDataException($"Unknown {typeof(T).Name} '{wire}'.");
}
