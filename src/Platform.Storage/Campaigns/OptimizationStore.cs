using System.Text.Json;
using Npgsql;
using Platform.Domain.Decisions;
using Platform.Domain.Jobs;

namespace Platform.Storage.Campaigns;

/// <summary>What a finished search found: the version that forecast it, the choice, and the drivers of the recommended design.</summary>
public sealed record OptimizationResult(DesignChoice Choice, IReadOnlyList<string> Drivers);

/// <summary>
/// One optimizeCampaign search: where it is (phase, progress 0–1) and, once finished, its result or error. A search whose
/// node stopped reads as FAILED once <see cref="OptimizationStore.StaleAfter"/> has passed without news.
/// </summary>
public sealed record OptimizationRecord(
    Guid Id, string TenantId, RunStatus Status, string Phase, double Progress, int CandidateCount, long? AudienceUsers, Guid? ModelVersionId,
    OptimizationResult? Result, string? Error, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt)
{
    public bool IsFinished => Status.IsFinished();
}

/// <summary>campaigns.optimizations, scoped by tenant.</summary>
public sealed class OptimizationStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>How long a queued or running search may go without news before it is taken as lost with its node.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public const string LostMessage = "The gateway node running this search stopped before it finished; start it again.";

    /// <summary>How many searches one tenant may have queued or running at once, over every node.</summary>
    public const int MaxUnfinishedPerTenant = 3;

    /// <summary>
    /// Records a new QUEUED search unless the tenant has <see cref="MaxUnfinishedPerTenant"/> unfinished ones (those lost
    /// with their node, silent for <see cref="StaleAfter"/>, do not count); false then. Counted under a per-tenant lock, so
    /// searches started at the same moment on several nodes cannot pass the bound together.
    /// </summary>
    public async Task<bool> TryCreateAsync(string tenantId, Guid id, int candidates, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('optimizations:' || @tenant, 0))", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("tenant", tenantId);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO campaigns.optimizations (tenant_id, id, status, phase, progress, candidates, created_at, updated_at)
            SELECT @tenant, @id, @queued, 'queued', 0, @candidates, @now, @now
            WHERE (SELECT count(*) FROM campaigns.optimizations
                   WHERE tenant_id = @tenant AND status IN (@queued, @running) AND updated_at >= @now - @stale) < @limit
            """, connection, transaction);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("queued", RunStatusNames.ToWire(RunStatus.Queued));
        command.Parameters.AddWithValue("running", RunStatusNames.ToWire(RunStatus.Running));
        command.Parameters.AddWithValue("candidates", candidates);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("stale", StaleAfter);
        command.Parameters.AddWithValue("limit", MaxUnfinishedPerTenant);
        var created = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    /// <summary>Records where a running search is (and that its node is alive).</summary>
    public Task ProgressAsync(string tenantId, Guid id, RunStatus status, string phase, double progress, long? audienceUsers, Guid? versionId, CancellationToken cancellationToken = default) =>
        UpdateAsync(tenantId, id, """
            status = @status, phase = @phase, progress = @progress, audience = coalesce(@audience, audience), version_id = coalesce(@version, version_id)
            """, command =>
            {
                command.Parameters.AddWithValue("status", RunStatusNames.ToWire(status));
                command.Parameters.AddWithValue("phase", phase);
                command.Parameters.AddWithValue("progress", progress);
                command.Parameters.AddWithValue("audience", (object?)audienceUsers ?? DBNull.Value).NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint;
                command.Parameters.AddWithValue("version", (object?)versionId ?? DBNull.Value).NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid;
            }, cancellationToken);

    public Task SucceedAsync(string tenantId, Guid id, OptimizationResult result, CancellationToken cancellationToken = default) =>
        UpdateAsync(tenantId, id, "status = @status, phase = 'done', progress = 1, result = @result::jsonb, finished_at = @now", command =>
        {
            command.Parameters.AddWithValue("status", RunStatusNames.ToWire(RunStatus.Succeeded));
            command.Parameters.AddWithValue("result", JsonSerializer.Serialize(result, CampaignStore.Json));
        }, cancellationToken);

    public Task FailAsync(string tenantId, Guid id, string error, CancellationToken cancellationToken = default) =>
        UpdateAsync(tenantId, id, "status = @status, error = @error, finished_at = @now", command =>
        {
            command.Parameters.AddWithValue("status", RunStatusNames.ToWire(RunStatus.Failed));
            command.Parameters.AddWithValue("error", error);
        }, cancellationToken);

    public async Task<OptimizationRecord?> FindAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT status, phase, progress, candidates, audience, version_id, result, error, created_at, updated_at, finished_at
            FROM campaigns.optimizations WHERE tenant_id = @tenant AND id = @id
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var record = new OptimizationRecord(
            id, tenantId, RunStatusNames.FromWire(reader.GetString(0)), reader.GetString(1), reader.GetDouble(2), reader.GetInt32(3),
            reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetGuid(5),
            reader.IsDBNull(6) ? null : JsonSerializer.Deserialize<OptimizationResult>(reader.GetString(6), CampaignStore.Json),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10));
        return !record.IsFinished && clock.GetUtcNow() - record.UpdatedAt > StaleAfter
            ? record with { Status = RunStatus.Failed, Error = LostMessage }
            : record;
    }

    private async Task UpdateAsync(string tenantId, Guid id, string set, Action<NpgsqlCommand> parameters, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"UPDATE campaigns.optimizations SET {set}, updated_at = @now WHERE tenant_id = @tenant AND id = @id");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        parameters(command);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
