using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Domain.Users;
using Platform.Storage.Database;

namespace Platform.Storage.Users;

/// <summary>
/// users.attributes: attributes and tags, upserted in batches (one statement). Fields a user record
/// leaves null keep their stored value; custom attributes merge; tags, when given, replace or add (<see cref="TagMerge"/>).
/// </summary>
public sealed class UserStore(NpgsqlDataSource dataSource)
{
    public const int MaxStoredTags = 50;

    private const string UpsertSql = """
        INSERT INTO users.attributes AS u (tenant_id, user_id, age, gender, region, occupation, signup_date, attributes, tags)
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
            tags = users.merge_tags(u.tags, EXCLUDED.tags, @add_tags, @max_tags),
            updated_at = now()
        WHERE (COALESCE(EXCLUDED.age, u.age), COALESCE(EXCLUDED.gender, u.gender), COALESCE(EXCLUDED.region, u.region),
               COALESCE(EXCLUDED.occupation, u.occupation), COALESCE(EXCLUDED.signup_date, u.signup_date), u.attributes || EXCLUDED.attributes,
               users.merge_tags(u.tags, EXCLUDED.tags, @add_tags, @max_tags))
            IS DISTINCT FROM (u.age, u.gender, u.region, u.occupation, u.signup_date, u.attributes, u.tags)
        RETURNING user_id
        """;

    private const string Columns = "user_id, age, gender, region, occupation, signup_date, attributes, tags";

    /// <summary>Upserts the users; a user id given twice keeps its last record. Returns the ids whose row was created or changed.</summary>
    public async Task<IReadOnlySet<string>> UpsertAsync(string tenantId, IReadOnlyList<UserRecord> users, TagMerge tags = TagMerge.Replace, CancellationToken cancellationToken = default)
    {
        var rows = users.GroupBy(s => s.UserId, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        if (rows.Count == 0)
        {
            return new HashSet<string>();
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
        return await command.ReadIdsAsync(cancellationToken);
    }

    public async Task<UserAttributes?> FindAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM users.attributes WHERE tenant_id = @tenant AND user_id = @user");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The attributes of the given users that have any, by user id.</summary>
    public async Task<IReadOnlyDictionary<string, UserAttributes>> FindManyAsync(string tenantId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM users.attributes WHERE tenant_id = @tenant AND user_id = ANY(@users)");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("users", userIds.ToArray());
        var found = new Dictionary<string, UserAttributes>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var attributes = Read(reader);
            found[attributes.UserId] = attributes;
        }

        return found;
    }

    internal static UserAttributes Read(NpgsqlDataReader reader) => new(
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

    // A reader, not a JsonDocument: audiences read this for every user (a document's set-up cost was a fifth of a forecast).
    private static IReadOnlyList<AttributeValue> FromJson(string json) => JsonText.ReadObject(json, ReadAttributes);

    private static List<AttributeValue> ReadAttributes(ref Utf8JsonReader reader)
    {
        var attributes = new List<AttributeValue>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            attributes.Add(reader.TokenType == JsonTokenType.Number ? new AttributeValue(name, reader.GetDouble(), null) : new AttributeValue(name, null, reader.GetString()));
        }

        return attributes;
    }

}
