using Npgsql;

namespace Platform.Storage.Training;

/// <summary>When a tenant's training data last changed: its newest event, or its newest outcome row change (live or imported).</summary>
public sealed class DataArrivals(NpgsqlDataSource dataSource)
{
    /// <summary>The latest arrival, or null when the tenant has neither events nor outcome rows.</summary>
    public async Task<DateTimeOffset?> LatestAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT GREATEST(
                (SELECT received_at FROM events.log WHERE tenant_id = @tenant ORDER BY seq DESC LIMIT 1),
                (SELECT max(updated_at) FROM campaigns.outcomes WHERE tenant_id = @tenant))
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }
}
