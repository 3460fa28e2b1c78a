using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Domain.Shoppers;
using Platform.Storage.Database;

namespace Platform.Storage.Shoppers;

/// <summary>
/// shoppers.users: attributes and tags, upserted in batches (one statement). Fields a shopper record
/// leaves null keep their stored value; custom attributes merge; tags, when given, replace or add (<see cref="TagMerge"/>).
/// </summary>
public sealed class ShopperStore(NpgsqlDataSource dataSource)
{
    public const int MaxStoredTags = 50;

    private const string UpsertSql = """
        INSERT INTO shoppers.users AS u (tenant_id, user_id, age, gender, region, occupation, signup_date, attributes, tags)
        SELECT @tenant, s.user_id, s.age, s.gender, s.region, s.occupation, s.signup_date, s.attributes::jsonb,
               CASE WHEN s.tags IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(s.tags::jsonb)) END
        FROM unnest(@user_id, @age, @gender, @region, @occupation, @signup_date, @attributes, @tags)
             AS s(user_id, age, gender, region, occupation, signup_date, attributes, tags)
        ON CONFLICT (tenant_id, user_id) DO UPDATE SET
            age = COALESCE(EXCLUDED.age, u.age),
            gender = COALESCE(EXCLUDED.gender, u.gender),
            region = COALESCE(EXCLUDED.region, u.region),
            occupation = COALESCE(EXCLUDED.occupation, u.occupation),
            signup_date = COALESCE(EXCLUDED.signup_date, u.signup_date),
            attributes = u.attributes || EXCLUDED.attributes,
            tags = CASE
                WHEN EXCLUDED.tags IS NULL THEN u.tags
                WHEN NOT @add_tags OR u.tags IS NULL THEN EXCLUDED.tags
                ELSE (SELECT array_agg(t ORDER BY first_at) FROM (
                          SELECT t, min(n) AS first_at FROM unnest(u.tags || EXCLUDED.tags) WITH ORDINALITY AS x(t, n)
                          GROUP BY t ORDER BY min(n) DESC LIMIT @max_tags) AS newest)
            END,
            updated_at = now()
        """;

    private const string Columns = "user_id, age, gender, region, occupation, signup_date, attributes, tags";

    /// <summary>Upserts the shoppers; a user id given twice keeps its last record.</summary>
    public async Task UpsertAsync(string tenantId, IReadOnlyList<ShopperRecord> shoppers, TagMerge tags = TagMerge.Replace, CancellationToken cancellationToken = default)
    {
        var rows = shoppers.GroupBy(s => s.UserId, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(UpsertSql);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("add_tags", tags == TagMerge.Add);
        command.Parameters.AddWithValue("max_tags", MaxStoredTags);
        command.AddArray("user_id", NpgsqlDbType.Text, rows.Select(r => r.UserId).ToArray());
        command.AddArray("age", NpgsqlDbType.Smallint, rows.Select(r => (short?)r.Age).ToArray());
        command.AddArray("gender", NpgsqlDbType.Text, rows.Select(r => r.Gender).ToArray());
        command.AddArray("region", NpgsqlDbType.Text, rows.Select(r => r.Region).ToArray());
        command.AddArray("occupation", NpgsqlDbType.Text, rows.Select(r => r.Occupation).ToArray());
        command.AddArray("signup_date", NpgsqlDbType.Date, rows.Select(r => r.SignupDate).ToArray());
        command.AddArray("attributes", NpgsqlDbType.Text, rows.Select(r => JsonSerializer.Serialize(ToJson(r.Attributes))).ToArray());
        command.AddArray("tags", NpgsqlDbType.Text, rows.Select(r => r.Tags is null ? null : JsonSerializer.Serialize(r.Tags)).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ShopperAttributes?> FindAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM shoppers.users WHERE tenant_id = @tenant AND user_id = @user");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    internal static ShopperAttributes Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.IsDBNull(1) ? null : reader.GetInt16(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5),
        FromJson(reader.GetString(6)),
        reader.IsDBNull(7) ? [] : reader.GetFieldValue<string[]>(7));

    // Stored as {"name": number} or {"name": "text"}, so SQL can compare them directly.
    private static Dictionary<string, object> ToJson(IReadOnlyDictionary<string, AttributeValue> attributes) =>
        attributes.ToDictionary(a => a.Key, a => a.Value.Number is { } number ? number : (object)a.Value.Text!, StringComparer.Ordinal);

    private static IReadOnlyList<AttributeValue> FromJson(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject()
            .Select(p => p.Value.ValueKind == JsonValueKind.Number ? new AttributeValue(p.Name, p.Value.GetDouble(), null) : new AttributeValue(p.Name, null, p.Value.GetString()))
            .ToList();

}
