using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Storage.Database;
using Platform.Domain.Events;

namespace Platform.Storage.Events;

/// <summary>
/// events.log. An append is one statement: it takes the tenant's next sequence numbers and inserts the
/// batch as arrays (one round trip), skipping events whose id the tenant already stored, so retries
/// from any node are stored once. It returns only after the commit.
/// </summary>
public sealed class EventLog(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "seq, event_id, user_id, type, occurred_at, item_id, category_id, quantity, amount, currency, campaign_id, rating, query, duration_seconds, properties";

    private const string AppendSql = """
        WITH head AS (
            INSERT INTO events.log_head AS h (tenant_id, last_seq) VALUES (@tenant, @count)
            ON CONFLICT (tenant_id) DO UPDATE SET last_seq = h.last_seq + @count
            RETURNING h.last_seq - @count AS base, h.feed_generation, h.feed_partitions, h.feed_after_seq
        ), stored AS (
        INSERT INTO events.log (tenant_id, seq, event_id, user_id, user_hash, type, occurred_at, item_id, category_id, quantity,
                                amount, currency, campaign_id, rating, query, duration_seconds, properties)
        SELECT @tenant, head.base + e.ord, e.event_id, e.user_id, e.user_hash, e.type, e.occurred_at, e.item_id, e.category_id,
               e.quantity, e.amount, e.currency, e.campaign_id, e.rating, e.query, e.duration_seconds, e.properties::jsonb
        FROM head, unnest(@event_id, @user_id, @user_hash, @type, @occurred_at, @item_id, @category_id, @quantity,
                          @amount, @currency, @campaign_id, @rating, @query, @duration_seconds, @properties)
             WITH ORDINALITY AS e(event_id, user_id, user_hash, type, occurred_at, item_id, category_id, quantity,
                                  amount, currency, campaign_id, rating, query, duration_seconds, properties, ord)
        ORDER BY e.event_id, e.ord -- one lock order for every writer; the first copy of an id wins
        ON CONFLICT (tenant_id, event_id) DO NOTHING
        RETURNING seq
        )
        SELECT head.base, stored.seq, head.feed_generation, head.feed_partitions, head.feed_after_seq
        FROM head LEFT JOIN stored ON true
        """;

    public async Task<AppendResult> AppendAsync(string tenantId, IReadOnlyList<BehaviorEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
        {
            throw new ArgumentException("An append needs at least one event.", nameof(events));
        }

        await using var command = dataSource.CreateCommand(AppendSql);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("count", (long)events.Count);
        command.AddArray("event_id", NpgsqlDbType.Text, events.Select(e => e.EventId).ToArray());
        command.AddArray("user_id", NpgsqlDbType.Text, events.Select(e => e.UserId).ToArray());
        command.AddArray("user_hash", NpgsqlDbType.Integer, events.Select(e => StoredUserHash(e.UserId)).ToArray());
        command.AddArray("type", NpgsqlDbType.Smallint, events.Select(e => (short)e.Type).ToArray());
        command.AddArray("occurred_at", NpgsqlDbType.TimestampTz, events.Select(e => e.OccurredAt.ToUniversalTime()).ToArray());
        command.AddArray("item_id", NpgsqlDbType.Text, events.Select(e => e.ItemId).ToArray());
        command.AddArray("category_id", NpgsqlDbType.Text, events.Select(e => e.CategoryId).ToArray());
        command.AddArray("quantity", NpgsqlDbType.Integer, events.Select(e => e.Quantity).ToArray());
        command.AddArray("amount", NpgsqlDbType.Numeric, events.Select(e => e.Amount).ToArray());
        command.AddArray("currency", NpgsqlDbType.Text, events.Select(e => e.Currency).ToArray());
        command.AddArray("campaign_id", NpgsqlDbType.Text, events.Select(e => e.CampaignId).ToArray());
        command.AddArray("rating", NpgsqlDbType.Numeric, events.Select(e => e.Rating).ToArray());
        command.AddArray("query", NpgsqlDbType.Text, events.Select(e => e.Query).ToArray());
        command.AddArray("duration_seconds", NpgsqlDbType.Double, events.Select(e => e.DurationSeconds).ToArray());
        command.AddArray("properties", NpgsqlDbType.Text, events.Select(e => e.Properties is null ? null : JsonSerializer.Serialize(e.Properties)).ToArray());

        var stored = new Dictionary<int, long>();
        long first = 0;
        var feed = FeedLayout.Initial;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            first = reader.GetInt64(0) + 1;
            feed = new FeedLayout(reader.GetInt32(2), reader.GetInt32(3), reader.GetInt64(4));
            if (!reader.IsDBNull(1))
            {
                // An event's position in the batch is its offset less the batch's first offset; of copies of one id the first is stored.
                var seq = reader.GetInt64(1);
                stored[(int)(seq - first)] = seq;
            }
        }

        return new AppendResult(first, first + events.Count - 1, stored, feed);
    }

    /// <summary>One user's events after an offset, in log order (profile replay), at most <paramref name="limit"/> of them.</summary>
    public async Task<IReadOnlyList<LoggedEvent>> ReadUserAsync(string tenantId, string userId, long afterSeq, CancellationToken cancellationToken = default, int limit = int.MaxValue)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM events.log WHERE tenant_id = @tenant AND user_id = @user AND seq > @after ORDER BY seq LIMIT @limit");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("after", afterSeq);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The events of several users that happened before <paramref name="before"/>, by user and in log order (history for point-in-time features).</summary>
    public async Task<IReadOnlyList<LoggedEvent>> ReadUsersBeforeAsync(string tenantId, IReadOnlyList<string> userIds, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM events.log WHERE tenant_id = @tenant AND user_id = ANY(@users) AND occurred_at < @before ORDER BY user_id, seq");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("users", userIds.ToArray());
        command.Parameters.AddWithValue("before", before);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Each user's events after that user's own offset, by user and in log order (bulk profile folding).</summary>
    public async Task<IReadOnlyList<LoggedEvent>> ReadUsersAfterAsync(string tenantId, IReadOnlyList<(string UserId, long AfterSeq)> users, CancellationToken cancellationToken = default)
    {
        // One log_by_user range per user. OFFSET 0 keeps the planner from flattening the lateral read into a join that
        // scans the tenant's whole log, which it prefers while a new tenant's statistics still say the log is empty.
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns}
            FROM unnest(@users, @after) AS u(uid, after_seq)
            CROSS JOIN LATERAL (SELECT * FROM events.log WHERE tenant_id = @tenant AND user_id = u.uid AND seq > u.after_seq OFFSET 0) AS l
            ORDER BY l.user_id, l.seq
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("users", users.Select(u => u.UserId).ToArray());
        command.Parameters.AddWithValue("after", users.Select(u => u.AfterSeq).ToArray());
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>
    /// The events after <paramref name="afterSeq"/> and up to <paramref name="throughSeq"/> of the users a feed partition
    /// delivers (<see cref="FeedLayout.PartitionOf(string, int)"/>), in log order, at most <paramref name="limit"/>. Events
    /// stored before the log kept user hashes come whatever their partition: the caller filters them by user id.
    /// </summary>
    public async Task<IReadOnlyList<LoggedEvent>> ReadPartitionAsync(string tenantId, int partition, int partitions, long afterSeq, long throughSeq, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM events.log
            WHERE tenant_id = @tenant AND seq > @after AND seq <= @through
              AND (@partitions = 1 OR user_hash IS NULL OR (user_hash::bigint & 4294967295) % @partitions = @partition)
            ORDER BY seq LIMIT @limit
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("after", afterSeq);
        command.Parameters.AddWithValue("through", throughSeq);
        command.Parameters.AddWithValue("partitions", (long)partitions);
        command.Parameters.AddWithValue("partition", (long)partition);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary><see cref="FeedLayout.HashOf"/> as <c>events.log.user_hash</c> holds it (the same 32 bits, signed).</summary>
    public static int StoredUserHash(string userId) => unchecked((int)FeedLayout.HashOf(userId));

    /// <summary>The last sequence number handed out for the tenant (0 before its first event).</summary>
    public async Task<long> HeadAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT last_seq FROM events.log_head WHERE tenant_id = @tenant");
        command.Parameters.AddWithValue("tenant", tenantId);
        return await command.ExecuteScalarAsync(cancellationToken) is long head ? head : 0;
    }


    private static async Task<IReadOnlyList<LoggedEvent>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<LoggedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new LoggedEvent(reader.GetInt64(0), new BehaviorEvent(
                reader.GetString(1),
                reader.GetString(2),
                (EventType)reader.GetInt16(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.IsDBNull(8) ? null : EventRules.Canonical(reader.GetDecimal(8)),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : EventRules.Canonical(reader.GetDecimal(11)),
                reader.IsDBNull(12) ? null : reader.GetString(12),
                reader.IsDBNull(13) ? null : reader.GetDouble(13),
                reader.IsDBNull(14) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(14)))));
        }

        return events;
    }
}
