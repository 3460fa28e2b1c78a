using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using Platform.Domain.Audiences;

namespace Platform.Storage.Audiences;

/// <summary>users.segments; rules are stored as JSON with operator names, scoped by tenant.</summary>
public sealed class SegmentStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Every profile read evaluates the tenant's segments, so a tenant has at most this many.</summary>
    public const int MaxPerTenant = 100;

    /// <summary>
    /// Creates the segment; returns null when the tenant already has one with this name or has
    /// <see cref="MaxPerTenant"/> segments (<see cref="CountAsync"/> tells which).
    /// </summary>
    public async Task<Segment?> CreateAsync(string tenantId, string name, AudienceRule rule, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO users.segments (tenant_id, name, rule)
            SELECT @tenant, @name, @rule::jsonb
            WHERE (SELECT count(*) FROM users.segments WHERE tenant_id = @tenant) < {MaxPerTenant}
            ON CONFLICT (tenant_id, name) DO NOTHING
            RETURNING name, rule, created_at
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("rule", JsonSerializer.Serialize(rule, Json));
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<long> CountAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM users.segments WHERE tenant_id = @tenant");
        command.Parameters.AddWithValue("tenant", tenantId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<Segment>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT name, rule, created_at FROM users.segments WHERE tenant_id = @tenant ORDER BY name");
        command.Parameters.AddWithValue("tenant", tenantId);
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<List<Segment>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var segments = new List<Segment>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            segments.Add(new Segment(reader.GetString(0), JsonSerializer.Deserialize<AudienceRule>(reader.GetString(1), Json)!, reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return segments;
    }
}
