using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Domain.Profiles;
using Platform.Storage.Database;

namespace Platform.Storage.Users;

/// <summary>
/// The user grains' stored snapshots (orleans.grain_state rows of the state named "user"), read and written in bulk by
/// history imports. Writes keep the grain storage's optimistic concurrency: a row is replaced only while its version is
/// the one read, and a new row is inserted only where none exists, so a grain that wrote in between wins and the import
/// leaves that user to it (an erasure writes an empty snapshot, so it wins too). The payload is the grain's state as <see cref="GrainStateJson"/>: <c>{"profile": …}</c>.
/// Rows written here store 0 as their two hashes, which serve diagnostics only (rows are found by their natural key).
/// </summary>
public sealed class UserSnapshotStore(NpgsqlDataSource dataSource)
{
    public const string StateName = "user";

    private const string ReadSql = """
        SELECT s.grain_id_ext, s.payload, s.version
        FROM orleans.grain_state AS s
        WHERE s.service_id = @service AND s.grain_type = @type AND s.grain_id_n1 = 0 AND s.grain_id_n0 = 0
          AND COALESCE(s.grain_id_ext, '') = ANY(@keys) AND (s.grain_id_ext IS NULL) = false
        """;

    private const string WriteSql = """
        WITH input AS (
            SELECT * FROM unnest(@keys, @payloads, @versions) AS i(key, payload, version)
        ), inserted AS (
            INSERT INTO orleans.grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext, grain_id_hash, grain_type_hash, payload, version)
            SELECT @service, @type, 0, 0, i.key, 0, 0, i.payload, 1 FROM input AS i WHERE i.version IS NULL
            ON CONFLICT DO NOTHING
            RETURNING grain_id_ext
        ), updated AS (
            UPDATE orleans.grain_state AS s
            SET payload = i.payload, version = CASE WHEN s.version >= 2147483647 THEN 1 ELSE s.version + 1 END, modified_at = now()
            FROM input AS i
            WHERE i.version IS NOT NULL
              AND s.service_id = @service AND s.grain_type = @type AND s.grain_id_n1 = 0 AND s.grain_id_n0 = 0
              AND COALESCE(s.grain_id_ext, '') = i.key AND (s.grain_id_ext IS NULL) = false AND s.version = i.version
            RETURNING s.grain_id_ext
        )
        SELECT grain_id_ext FROM inserted UNION ALL SELECT grain_id_ext FROM updated
        """;

    /// <summary>A stored snapshot: its profile (null once cleared by an erasure) and the version a write must match.</summary>
    public sealed record Stored(UserProfile? Profile, int Version);

    /// <summary>The stored snapshots of the given grain keys; a key without a row is absent.</summary>
    public async Task<IReadOnlyDictionary<string, Stored>> ReadAsync(string serviceId, IReadOnlyList<string> grainKeys, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("type", StateName);
        command.Parameters.AddWithValue("keys", grainKeys.ToArray());
        var stored = new Dictionary<string, Stored>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var profile = reader.IsDBNull(1) ? null : JsonSerializer.Deserialize<Payload>(reader.GetFieldValue<byte[]>(1), GrainStateJson.Options)?.Profile;
            stored[reader.GetString(0)] = new Stored(profile, reader.GetInt32(2));
        }

        return stored;
    }

    /// <summary>
    /// Writes snapshots, each only if its row still has <c>Version</c> (or, with no version, has no row); returns the keys
    /// written.
    /// </summary>
    public async Task<IReadOnlySet<string>> WriteAsync(
        string serviceId, IReadOnlyList<(string GrainKey, UserProfile Profile, int? Version)> snapshots, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(WriteSql);
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("type", StateName);
        command.AddArray("keys", NpgsqlDbType.Text, snapshots.Select(s => s.GrainKey).ToArray());
        command.AddArray("payloads", NpgsqlDbType.Bytea, snapshots.Select(s => Serialize(s.Profile)).ToArray());
        command.AddArray("versions", NpgsqlDbType.Integer, snapshots.Select(s => s.Version).ToArray());
        return await command.ReadIdsAsync(cancellationToken);
    }

    /// <summary>The bytes the user grain's storage writes for this profile.</summary>
    public static byte[] Serialize(UserProfile profile) => JsonSerializer.SerializeToUtf8Bytes(new Payload(profile), GrainStateJson.Options);

    private sealed record Payload(UserProfile Profile);
}
