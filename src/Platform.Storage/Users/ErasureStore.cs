using Npgsql;

namespace Platform.Storage.Users;

/// <summary>What an erasure removed.</summary>
public sealed record ErasedData(long Events, long Outcomes, bool Attributes);

/// <summary>The record an erasure leaves behind.</summary>
public sealed record ErasureRecord(string UserHash, DateTimeOffset ErasedAt, string? KeyId, long Events, long Outcomes);

/// <summary>
/// forgetUser in PostgreSQL, in two steps around the user's grain being reset (docs/users.md#erasure):
/// first the user's events up to a log offset, attributes, outcomes, model scores and the import rejections that quote
/// the id; then the projection row and the erasure record. The projection refuses any row computed before
/// the record's time, so a row still queued on a node cannot bring the user back.
/// </summary>
public sealed class ErasureStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// SQL that is true when the user was erased at or after <paramref name="asOf"/>: a row computed before an erasure must
    /// not bring the user back. Written inline in each statement: a SQL function holding this subquery cannot be inlined by
    /// PostgreSQL, and calling it cost about 35 µs a row (half of a projection write; migration 0029 dropped it).
    /// The arguments are SQL expressions (column names, parameters), never values.
    /// </summary>
    internal static string ErasedSince(string tenant, string user, string asOf) =>
        $"EXISTS (SELECT 1 FROM users.erasures e WHERE e.tenant_id = {tenant} AND e.user_hash = users.erasure_hash({tenant}, {user}) AND e.erased_at >= {asOf})";

    /// <summary>
    /// Deletes the user's events up to <paramref name="throughSeq"/>, outcome rows, attributes, model scores, tracker debugger entries and the rejections quoting
    /// the id, and records a pending erasure with what was deleted (added to an erasure still pending from a call that crashed).
    /// </summary>
    /// <param name="importRejections">Also delete the import rejections whose message quotes the id.</param>
    public async Task<ErasedData> EraseDataAsync(string tenantId, string userId, long throughSeq, bool importRejections = true, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        async Task<long> ExecuteAsync(string sql, params (string Name, object Value)[] more)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("tenant", tenantId);
            command.Parameters.AddWithValue("user", userId);
            foreach (var (name, value) in more)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var events = await ExecuteAsync("DELETE FROM events.log WHERE tenant_id = @tenant AND user_id = @user AND seq <= @through", ("through", throughSeq));
        var outcomes = await ExecuteAsync("DELETE FROM campaigns.outcomes WHERE tenant_id = @tenant AND user_id = @user");
        var attributes = await ExecuteAsync("DELETE FROM users.attributes WHERE tenant_id = @tenant AND user_id = @user");
        await ExecuteAsync("DELETE FROM models.user_scores WHERE tenant_id = @tenant AND user_id = @user");
        await ExecuteAsync("DELETE FROM campaigns.audience_picks WHERE tenant_id = @tenant AND user_id = @user");
        await ExecuteAsync("DELETE FROM trackers.messages WHERE tenant_id = @tenant AND user_id = @user");
        if (importRejections)
        {
            await ExecuteAsync("""
                DELETE FROM imports.rejections r USING imports.jobs j
                WHERE r.import_id = j.id AND j.tenant_id = @tenant AND strpos(r.message, @user) > 0
                """);
        }

        var pending = await ExecuteAsync(
            """
            UPDATE users.erasures SET events = events + @events, outcomes = outcomes + @outcomes
            WHERE tenant_id = @tenant AND user_hash = users.erasure_hash(@tenant, @user) AND NOT completed
            """,
            ("events", events),
            ("outcomes", outcomes));
        if (pending == 0)
        {
            await ExecuteAsync(
                """
                INSERT INTO users.erasures (tenant_id, user_hash, erased_at, events, outcomes, completed)
                VALUES (@tenant, users.erasure_hash(@tenant, @user), clock_timestamp(), @events, @outcomes, false)
                """,
                ("events", events),
                ("outcomes", outcomes));
        }

        await transaction.CommitAsync(cancellationToken);
        return new ErasedData(events, outcomes, attributes > 0);
    }

    /// <summary>
    /// Whether the tenant has anything of the user: events, outcome rows, attributes, a projection row, or an erasure record
    /// (a past erasure, or a pending one a crash interrupted).
    /// </summary>
    public async Task<bool> KnowsAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT EXISTS (SELECT 1 FROM events.log WHERE tenant_id = @tenant AND user_id = @user)
                OR EXISTS (SELECT 1 FROM campaigns.outcomes WHERE tenant_id = @tenant AND user_id = @user)
                OR EXISTS (SELECT 1 FROM users.attributes WHERE tenant_id = @tenant AND user_id = @user)
                OR EXISTS (SELECT 1 FROM users.profiles WHERE tenant_id = @tenant AND user_id = @user)
                OR EXISTS (SELECT 1 FROM users.erasures WHERE tenant_id = @tenant AND user_hash = users.erasure_hash(@tenant, @user))
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("user", userId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Completes the pending erasure (its time becomes now, so projection rows computed before now are refused) and
    /// removes the projection row; returns the record. Without a pending one (the data was erased before), records a new one.
    /// </summary>
    public async Task<ErasureRecord> RecordAsync(string tenantId, string userId, string? keyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var complete = new NpgsqlCommand("""
            WITH pending AS (
                UPDATE users.erasures SET erased_at = clock_timestamp(), key_id = @key, completed = true
                WHERE tenant_id = @tenant AND user_hash = users.erasure_hash(@tenant, @user) AND NOT completed
                RETURNING user_hash, erased_at, events, outcomes),
            fresh AS (
                INSERT INTO users.erasures (tenant_id, user_hash, erased_at, key_id, events, outcomes)
                SELECT @tenant, users.erasure_hash(@tenant, @user), clock_timestamp(), @key, 0, 0
                WHERE NOT EXISTS (SELECT 1 FROM pending)
                RETURNING user_hash, erased_at, events, outcomes)
            SELECT * FROM pending UNION ALL SELECT * FROM fresh
            """, connection, transaction);
        complete.Parameters.AddWithValue("tenant", tenantId);
        complete.Parameters.AddWithValue("user", userId);
        complete.Parameters.AddWithValue("key", (object?)keyId ?? DBNull.Value);
        ErasureRecord record;
        await using (var reader = await complete.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            record = new ErasureRecord(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), keyId, reader.GetInt64(2), reader.GetInt64(3));
        }

        // Scores and uplift picks go again: a scoring job or a launch may have written the user's between the two steps.
        await using var projection = new NpgsqlCommand(
            """
            DELETE FROM users.profiles WHERE tenant_id = @tenant AND user_id = @user;
            DELETE FROM models.user_scores WHERE tenant_id = @tenant AND user_id = @user;
            DELETE FROM campaigns.audience_picks WHERE tenant_id = @tenant AND user_id = @user
            """,
            connection, transaction);
        projection.Parameters.AddWithValue("tenant", tenantId);
        projection.Parameters.AddWithValue("user", userId);
        await projection.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return record;
    }
}
