using Npgsql;

namespace Platform.Storage.Users;

/// <summary>What an erasure removed.</summary>
public sealed record ErasedData(long Events, long Outcomes, bool Attributes)
{
    public bool Nothing => Events == 0 && Outcomes == 0 && !Attributes;
}

/// <summary>The record an erasure leaves behind.</summary>
public sealed record ErasureRecord(string UserHash, DateTimeOffset ErasedAt, string? KeyId, long Events, long Outcomes);

/// <summary>
/// forgetUser in PostgreSQL, in two steps around the user's grain being reset (docs/users.md#erasure):
/// first the user's events up to a log offset, attributes, outcomes and the import rejections that quote
/// the id; then the projection row and the erasure record. The projection refuses any row computed before
/// the record's time, so a row still queued on a node cannot bring the user back.
/// </summary>
public sealed class ErasureStore(NpgsqlDataSource dataSource)
{
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
        var attributes = await DeleteAsync("DELETE FROM users.attributes WHERE tenant_id = @tenant AND user_id = @user");
        await DeleteAsync("""
            DELETE FROM imports.rejections r USING imports.jobs j
            WHERE r.import_id = j.id AND j.tenant_id = @tenant AND strpos(r.message, @user) > 0
            """);
        await transaction.CommitAsync(cancellationToken);
        return new ErasedData(events, outcomes, attributes > 0);
    }

    /// <summary>
    /// Whether the tenant knows the user beyond what <see cref="EraseDataAsync"/> deletes: a projection row (left when
    /// an erasure was interrupted) or an earlier erasure record.
    /// </summary>
    public async Task<bool> KnowsAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT EXISTS (SELECT 1 FROM users.profiles WHERE tenant_id = @tenant AND user_id = @user)
                OR EXISTS (SELECT 1 FROM users.erasures WHERE tenant_id = @tenant AND user_hash = users.erasure_hash(@tenant, @user))
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("user", userId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<ErasureRecord> RecordAsync(string tenantId, string userId, string? keyId, ErasedData erased, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO users.erasures (tenant_id, user_hash, erased_at, key_id, events, outcomes)
            VALUES (@tenant, users.erasure_hash(@tenant, @user), clock_timestamp(), @key, @events, @outcomes)
            RETURNING user_hash, erased_at
            """, connection, transaction);
        insert.Parameters.AddWithValue("tenant", tenantId);
        insert.Parameters.AddWithValue("user", userId);
        insert.Parameters.AddWithValue("key", (object?)keyId ?? DBNull.Value);
        insert.Parameters.AddWithValue("events", erased.Events);
        insert.Parameters.AddWithValue("outcomes", erased.Outcomes);
        string hash;
        DateTime erasedAt;
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (hash, erasedAt) = (reader.GetString(0), reader.GetDateTime(1));
        }

        await using var projection = new NpgsqlCommand("DELETE FROM users.profiles WHERE tenant_id = @tenant AND user_id = @user", connection, transaction);
        projection.Parameters.AddWithValue("tenant", tenantId);
        projection.Parameters.AddWithValue("user", userId);
        await projection.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ErasureRecord(hash, new DateTimeOffset(erasedAt, TimeSpan.Zero), keyId, erased.Events, erased.Outcomes);
    }
}
