using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Domain.Errors;
using Platform.Domain;
using Platform.Storage.Database;

namespace Platform.Storage.Trackers;

/// <summary>A message the tracker source did not store, and why (the source debugger, docs/trackers.md#source-debugger).</summary>
public sealed record TrackerMessageRecord(
    DateTimeOffset ReceivedAt, TrackerMessageStatus Status, string Call, string? EventName, string MessageId, string? UserId, IReadOnlyList<Violation> Problems);

public enum TrackerMessageStatus
{
    /// <summary>It broke a rule; what of it was valid is stored.</summary>
    Refused,

    /// <summary>It has no mapping (a page call, a non-e-commerce event) or carried traits that are not stored.</summary>
    Ignored,
}

/// <summary>The latest <see cref="Kept"/> refused and the latest <see cref="Kept"/> ignored messages of each tenant.</summary>
public sealed class TrackerMessageStore(NpgsqlDataSource dataSource)
{
    public const int Kept = 200;

    public async Task RecordAsync(string tenantId, IReadOnlyList<TrackerMessageRecord> messages, CancellationToken cancellationToken = default)
    {
        if (messages.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("""
            WITH added AS (
                INSERT INTO trackers.messages (tenant_id, received_at, status, call, event_name, message_id, user_id, violations)
                SELECT @tenant, m.received_at, m.status, m.call, m.event_name, m.message_id, m.user_id, m.violations::jsonb
                FROM unnest(@received_at, @status, @call, @event_name, @message_id, @user_id, @violations)
                     AS m(received_at, status, call, event_name, message_id, user_id, violations)
                ORDER BY m.status, m.message_id -- one lock order for requests listing the same messages at once
                ON CONFLICT (tenant_id, status, message_id) DO NOTHING)
            -- Sees the rows before this insert: a tenant keeps at most Kept + one batch of each status.
            DELETE FROM trackers.messages t
            USING (SELECT id FROM (
                       SELECT id, row_number() OVER (PARTITION BY status ORDER BY id DESC) AS newest
                       FROM trackers.messages WHERE tenant_id = @tenant) ranked
                   WHERE newest > @kept) old
            WHERE t.tenant_id = @tenant AND t.id = old.id
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("kept", Kept);
        command.Parameters.Add(new NpgsqlParameter("received_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = messages.Select(m => m.ReceivedAt.ToUniversalTime()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = messages.Select(m => StatusName(m.Status)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("call", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = messages.Select(m => Storable(m.Call)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("event_name", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = messages.Select(m => Storable(m.EventName)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("message_id", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = messages.Select(m => Storable(m.MessageId)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("user_id", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = messages.Select(m => Storable(m.UserId)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("violations", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = messages.Select(m => PgText.StorableJson(JsonSerializer.Serialize(m.Problems))).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The newest messages of a status first.</summary>
    public async Task<IReadOnlyList<TrackerMessageRecord>> ListAsync(string tenantId, TrackerMessageStatus status, int first, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT received_at, call, event_name, message_id, user_id, violations::text
            FROM trackers.messages WHERE tenant_id = @tenant AND status = @status
            ORDER BY id DESC LIMIT @first
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("status", StatusName(status));
        command.Parameters.AddWithValue("first", first);
        var records = new List<TrackerMessageRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new TrackerMessageRecord(
                reader.GetFieldValue<DateTimeOffset>(0), status, reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                JsonSerializer.Deserialize<List<Violation>>(reader.GetString(5)) ?? []));
        }

        return records;
    }

    private static string StatusName(TrackerMessageStatus status) => status == TrackerMessageStatus.Refused ? "REFUSED" : "IGNORED";

    // Shown back as the tracker sent it, cut to a length a debugger view can show (never between the halves of a surrogate pair).
    private static string? Storable(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return PgText.Storable(FreeText.Cut(value, 200));
    }
}
