using System.Security.Cryptography;
using Npgsql;
using Platform.Domain;
using Platform.Domain.Models;

namespace Platform.Storage.Models;

/// <summary>
/// models.versions: every trained version with its weights (SHA-256 checksummed), feature schema and metrics; at most one
/// ACTIVE per tenant and task. Promotion swaps the ACTIVE version in one transaction.
/// </summary>
public sealed class ModelRegistry(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, tenant_id, task, status, run_id, checksum, feature_schema, metrics, training, promotion, drift, created_at, activated_at, retired_at";

    public static string Checksum(byte[] weights) => Convert.ToHexStringLower(SHA256.HashData(weights));

    /// <summary>Stores a new CANDIDATE version.</summary>
    public async Task<ModelVersionRecord> AddAsync(
        string tenantId, ModelTask task, Guid runId, byte[] weights, string featureSchemaJson, string metricsJson, string trainingJson, string promotion,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO models.versions (id, tenant_id, task, status, run_id, weights, checksum, feature_schema, metrics, training, promotion)
            VALUES (@id, @tenant, @task, 'CANDIDATE', @run, @weights, @checksum, @schema::jsonb, @metrics::jsonb, @training::jsonb, @promotion)
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("task", WireNames.ToWire(task));
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("weights", weights);
        command.Parameters.AddWithValue("checksum", Checksum(weights));
        command.Parameters.AddWithValue("schema", featureSchemaJson);
        command.Parameters.AddWithValue("metrics", metricsJson);
        command.Parameters.AddWithValue("training", trainingJson);
        command.Parameters.AddWithValue("promotion", promotion);
        return (await ReadAsync(command, cancellationToken)).Single();
    }

    /// <summary>
    /// Makes the version ACTIVE and retires the one before (one transaction); records <paramref name="promotion"/> as the
    /// reason. Returns the version, or null when the tenant has no such version, or when <paramref name="byAttempt"/>
    /// (the training run and attempt promoting it) is no longer the attempt running that run: a worker that was counted
    /// lost and woke up promotes nothing.
    /// </summary>
    public async Task<ModelVersionRecord?> ActivateAsync(
        string tenantId, Guid versionId, string promotion, (Guid RunId, int Attempt)? byAttempt = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (byAttempt is { } by)
        {
            // Locked until the commit: a sweep queueing the run again waits for the promotion, or the promotion sees it done.
            await using var running = new NpgsqlCommand(
                "SELECT 1 FROM models.training_runs WHERE id = @run AND attempts = @attempt AND status = 'RUNNING' FOR UPDATE", connection, transaction);
            running.Parameters.AddWithValue("run", by.RunId);
            running.Parameters.AddWithValue("attempt", by.Attempt);
            if (await running.ExecuteScalarAsync(cancellationToken) is null)
            {
                return null;
            }
        }

        await using var retire = new NpgsqlCommand("""
            UPDATE models.versions v SET status = 'RETIRED', retired_at = now()
            FROM models.versions chosen
            WHERE chosen.tenant_id = @tenant AND chosen.id = @id
              AND v.tenant_id = chosen.tenant_id AND v.task = chosen.task AND v.status = 'ACTIVE' AND v.id <> chosen.id
            """, connection, transaction);
        retire.Parameters.AddWithValue("tenant", tenantId);
        retire.Parameters.AddWithValue("id", versionId);
        await retire.ExecuteNonQueryAsync(cancellationToken);
        await using var activate = new NpgsqlCommand($"""
            UPDATE models.versions SET status = 'ACTIVE', activated_at = now(), retired_at = NULL, promotion = @promotion
            WHERE tenant_id = @tenant AND id = @id
            RETURNING {Columns}
            """, connection, transaction);
        activate.Parameters.AddWithValue("tenant", tenantId);
        activate.Parameters.AddWithValue("id", versionId);
        activate.Parameters.AddWithValue("promotion", promotion);
        var version = (await ReadAsync(activate, cancellationToken)).FirstOrDefault();
        await transaction.CommitAsync(cancellationToken);
        return version;
    }

    public async Task<ModelVersionRecord?> ActiveAsync(string tenantId, ModelTask task, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM models.versions WHERE tenant_id = @tenant AND task = @task AND status = 'ACTIVE'");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("task", WireNames.ToWire(task));
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <summary>When the ACTIVE version's run began reading its data (its last attempt's start); null without an ACTIVE version.</summary>
    public async Task<DateTimeOffset?> ActiveDataAsOfAsync(string tenantId, ModelTask task, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT r.started_at FROM models.versions v JOIN models.training_runs r ON r.id = v.run_id
            WHERE v.tenant_id = @tenant AND v.task = @task AND v.status = 'ACTIVE'
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("task", WireNames.ToWire(task));
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    public async Task<ModelVersionRecord?> FindAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM models.versions WHERE tenant_id = @tenant AND id = @id");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", id);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <summary>The tenant's versions of a task, newest first; <paramref name="after"/> is the (created at, id) of the last one read.</summary>
    public async Task<IReadOnlyList<ModelVersionRecord>> ListAsync(
        string tenantId, ModelTask task, int limit, (DateTimeOffset CreatedAt, Guid Id)? after, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM models.versions
            WHERE tenant_id = @tenant AND task = @task AND (@after_at::timestamptz IS NULL OR (created_at, id) < (@after_at, @after_id))
            ORDER BY created_at DESC, id DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("task", WireNames.ToWire(task));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("after_at", after?.CreatedAt));
        command.Parameters.AddWithValue("after_id", after?.Id ?? Guid.Empty);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Stores a version's latest drift check.</summary>
    public async Task SetDriftAsync(string tenantId, Guid id, string driftJson, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE models.versions SET drift = @drift::jsonb WHERE tenant_id = @tenant AND id = @id");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("drift", driftJson);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every ACTIVE version of every tenant: what the daily drift check looks at.</summary>
    public async Task<IReadOnlyList<ModelVersionRecord>> AllActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM models.versions WHERE status = 'ACTIVE' ORDER BY tenant_id, task");
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Each ACTIVE version's largest input drift from its latest check: what /metrics exports.</summary>
    public async Task<IReadOnlyList<(string TenantId, ModelTask Task, double MaxPsi)>> ActiveDriftAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT tenant_id, task, (drift->>'maxPsi')::double precision FROM models.versions
            WHERE status = 'ACTIVE' AND drift IS NOT NULL AND drift->>'maxPsi' IS NOT NULL
            """);
        var drifts = new List<(string, ModelTask, double)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            drifts.Add((reader.GetString(0), TrainingRunStore.Parse<ModelTask>(reader.GetString(1)), reader.GetDouble(2)));
        }

        return drifts;
    }

    /// <summary>A version's weights, checked against their checksum; a mismatch is <see cref="CorruptWeightsException"/>.</summary>
    public async Task<byte[]> WeightsAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT weights, checksum FROM models.versions WHERE tenant_id = @tenant AND id = @id");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"No model version {id} in tenant {tenantId}.");
        }

        var weights = reader.GetFieldValue<byte[]>(0);
        return Checksum(weights) == reader.GetString(1) ? weights : throw new CorruptWeightsException(id);
    }

    private static async Task<List<ModelVersionRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var versions = new List<ModelVersionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(new ModelVersionRecord(
                reader.GetGuid(0),
                reader.GetString(1),
                TrainingRunStore.Parse<ModelTask>(reader.GetString(2)),
                TrainingRunStore.Parse<ModelVersionStatus>(reader.GetString(3)),
                reader.GetGuid(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                reader.GetString(8),
                reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.GetFieldValue<DateTimeOffset>(11),
                reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
                reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13)));
        }

        return versions;
    }
}
