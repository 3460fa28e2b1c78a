using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Platform.Storage.Shoppers;

/// <summary>What an erasure removed.</summary>
public sealed record ErasedData(long Events, long Outcomes, bool Attributes);

/// <summary>The record an erasure leaves behind.</summary>
public sealed record ErasureRecord(string UserHash, DateTimeOffset ErasedAt, string? KeyId, long Events, long Outcomes);

/// <summary>
/// forgetUser in PostgreSQL, in two steps around the shopper's grain being reset (docs/shoppers.md#erasure):
/// first the shopper's events up to a log offset, attributes, outcomes and the import rejections that quote
/// the id; then the projection row and the erasure record. The projection refuses any row computed before
/// the record's time, so a row still queued on a node cannot bring the shopper back.
/// </summary>
public sealed class ErasureStore(NpgsqlDataSource dataSource)
{
    /// <summary>The hash the record keeps; ProfileProjection computes the same in SQL.</summary>
    public static string UserHash(string tenantId, string userId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId}:{userId}")));

    public async Task<ErasedData> EraseDataAsync(string tenantId, string userId, long throughSeq, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        async Task<long> DeleteAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("tenant", tenantId);
            command.Parameters.AddWithValue("user", userId);
            command.Parameters.AddWithValue("through", throughSeq);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var events = await DeleteAsync("DELETE FROM events.log WHERE tenant_id = @tenant AND user_id = @user AND seq <= @through");
        var outcomes = await DeleteAsync("DELETE FROM campaigns.outcomes WHERE tenant_id = @tenant AND user_id = @user");
        var attributes = await DeleteAsync("DELETE FROM shoppers.users WHERE tenant_id = @tenant AND user_id = @user");
        await DeleteAsync("""
            DELETE FROM imports.rejections r USING imports.jobs j
            WHERE r.import_id = j.id AND j.tenant_id = @tenant AND strpos(r.message, @user) > 0
            """);
        await transaction.CommitAsync(cancellationToken);
        return new ErasedData(events, outcomes, attributes > 0);
    }

    public async Task<ErasureRecord> RecordAsync(string tenantId, string userId, string? keyId, ErasedData erased, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var hash = UserHash(tenantId, userId);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO shoppers.erasures (tenant_id, user_hash, erased_at, key_id, events, outcomes)
            VALUES (@tenant, @hash, clock_timestamp(), @key, @events, @outcomes)
            RETURNING erased_at
            """, connection, transaction);
        insert.Parameters.AddWithValue("tenant", tenantId);
        insert.Parameters.AddWithValue("hash", hash);
        insert.Parameters.AddWithValue("key", (object?)keyId ?? DBNull.Value);
        insert.Parameters.AddWithValue("events", erased.Events);
        insert.Parameters.AddWithValue("outcomes", erased.Outcomes);
        var erasedAt = (DateTime)(await insert.ExecuteScalarAsync(cancellationToken))!;

        await using var projection = new NpgsqlCommand("DELETE FROM shoppers.profiles WHERE tenant_id = @tenant AND user_id = @user", connection, transaction);
        projection.Parameters.AddWithValue("tenant", tenantId);
        projection.Parameters.AddWithValue("user", userId);
        await projection.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ErasureRecord(hash, new DateTimeOffset(erasedAt, TimeSpan.Zero), keyId, erased.Events, erased.Outcomes);
    }
}
