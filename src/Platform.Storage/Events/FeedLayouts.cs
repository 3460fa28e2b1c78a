using Npgsql;
using Platform.Domain.Events;

namespace Platform.Storage.Events;

/// <summary>
/// The generations of a tenant's feed (events.feed_generations and the head row's current layout). A change takes the
/// head row's lock, as appends do, so the new layout starts exactly after the last event appended before it.
/// </summary>
public sealed class FeedLayouts(NpgsqlDataSource dataSource)
{
    // The head row first (a tenant without events has none), so that the guarded update below sees the current count.
    private const string EnsureHeadSql = "INSERT INTO events.log_head (tenant_id, last_seq) VALUES (@tenant, 0) ON CONFLICT (tenant_id) DO NOTHING";

    private const string ChangeSql = """
        WITH head AS (
            UPDATE events.log_head AS h
            SET feed_generation = h.feed_generation + 1, feed_partitions = @partitions, feed_after_seq = h.last_seq
            WHERE h.tenant_id = @tenant AND h.feed_partitions <> @partitions
            RETURNING h.feed_generation, h.feed_partitions, h.feed_after_seq
        )
        INSERT INTO events.feed_generations (tenant_id, generation, partitions, after_seq)
        SELECT @tenant, feed_generation, feed_partitions, feed_after_seq FROM head
        RETURNING generation, partitions, after_seq
        """;

    /// <summary>The tenant's current layout (<see cref="FeedLayout.Initial"/> before any event or change).</summary>
    public async Task<FeedLayout> CurrentAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT feed_generation, feed_partitions, feed_after_seq FROM events.log_head WHERE tenant_id = @tenant");
        command.Parameters.AddWithValue("tenant", tenantId);
        return await ReadOneAsync(command, cancellationToken) ?? FeedLayout.Initial;
    }

    /// <summary>Opens a generation with <paramref name="partitions"/> partitions after the log head; the current layout when it already has that many.</summary>
    public async Task<FeedLayout> ChangeAsync(string tenantId, int partitions, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partitions, FeedLayout.MaxPartitions);
        await using (var ensure = dataSource.CreateCommand(EnsureHeadSql))
        {
            ensure.Parameters.AddWithValue("tenant", tenantId);
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = dataSource.CreateCommand(ChangeSql);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("partitions", partitions);
        return await ReadOneAsync(command, cancellationToken) ?? await CurrentAsync(tenantId, cancellationToken);
    }

    /// <summary>A generation's layout; generation 0 is <see cref="FeedLayout.Initial"/>.</summary>
    public async Task<FeedLayout> GenerationAsync(string tenantId, int generation, CancellationToken cancellationToken = default)
    {
        if (generation == 0)
        {
            return FeedLayout.Initial;
        }

        await using var command = dataSource.CreateCommand(
            "SELECT generation, partitions, after_seq FROM events.feed_generations WHERE tenant_id = @tenant AND generation = @generation");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("generation", generation);
        return await ReadOneAsync(command, cancellationToken)
            ?? throw new InvalidOperationException($"The feed of {tenantId} has no generation {generation}.");
    }

    /// <summary>
    /// The last sequence number a generation delivers for now: the log head, or the start of the next generation once
    /// there is one. One statement, so a change between the two reads cannot be half seen.
    /// </summary>
    public async Task<long> HeadForAsync(string tenantId, int generation, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT COALESCE(
                (SELECT after_seq FROM events.feed_generations WHERE tenant_id = @tenant AND generation = @next),
                (SELECT last_seq FROM events.log_head WHERE tenant_id = @tenant),
                0)
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("next", generation + 1);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<FeedLayout?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new FeedLayout(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2)) : null;
    }
}
