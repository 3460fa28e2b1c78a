using System.Text.Json;
using Npgsql;
using Platform.Domain.Audiences;

namespace Platform.Storage.Audiences;

/// <summary>Listings and summaries of audiences, computed in PostgreSQL over the tenant's users.</summary>
public sealed class AudienceQueries(NpgsqlDataSource dataSource)
{
    public const int TopBuckets = 20;

    private const string Columns = """
        user_id, u.age, u.gender, u.region, COALESCE(u.tags, '{}') AS tags, COALESCE(p.rfm_segment, 'never_purchased') AS segment,
        COALESCE(p.purchases, 0) AS purchases, COALESCE(p.revenue, 0) AS revenue, COALESCE(p.interest_tags, '{}') AS interest_tags,
        COALESCE(p.top_categories, '{}') AS top_categories, p.last_seen_at, p.user_id IS NOT NULL AS has_events,
        sc.propensity, sc.churn_risk, sc.expected_spend, sc.persona, sc.persona_description
        """;

    /// <summary>One page of the audience in user id order, after <paramref name="after"/>; one row more tells whether another page exists.</summary>
    /// <summary>Up to <paramref name="limit"/> users of the audience in user id order, after the user id <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<UserSummary>> PageAsync(
        string tenantId, Audience audience, int limit, string? after, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand();
        var where = AudienceSql.Where(audience, tenantId, command);
        command.CommandText = $"""
            SELECT {Columns} FROM {AudienceSql.From}
            WHERE {where} AND (@after IS NULL OR user_id COLLATE "C" > @after)
            ORDER BY user_id COLLATE "C" LIMIT @limit
            """;
        command.Parameters.AddWithValue("after", (object?)after ?? DBNull.Value).NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
        command.Parameters.AddWithValue("limit", limit);
        var rows = new List<UserSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new UserSummary(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetInt16(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<string[]>(4),
                reader.GetString(5),
                reader.GetInt64(6),
                reader.GetDecimal(7),
                reader.GetFieldValue<string[]>(8),
                reader.GetFieldValue<string[]>(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10)));
        }

        return rows;
    }

    public async Task<AudienceSummary> SummarizeAsync(string tenantId, Audience audience, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand();
        var where = AudienceSql.Where(audience, tenantId, command);
        command.CommandText = $"""
            WITH a AS MATERIALIZED (SELECT {Columns} FROM {AudienceSql.From} WHERE {where})
            SELECT
                (SELECT count(*) FROM a),
                (SELECT count(*) FROM a WHERE has_events),
                (SELECT count(*) FROM a WHERE purchases > 0),
                (SELECT COALESCE(sum(revenue), 0) FROM a),
                {Buckets("""
                    CASE WHEN age IS NULL THEN 'unknown' WHEN age < 18 THEN 'under 18' WHEN age < 25 THEN '18-24' WHEN age < 35 THEN '25-34'
                         WHEN age < 45 THEN '35-44' WHEN age < 55 THEN '45-54' WHEN age < 65 THEN '55-64' ELSE '65+' END
                    """, "a", limit: null)},
                {Buckets("COALESCE(gender, 'unknown')", "a", TopBuckets)},
                {Buckets("COALESCE(region, 'unknown')", "a", TopBuckets)},
                {Buckets("segment", "a", limit: null)},
                {Buckets("top_categories[1]", "a WHERE cardinality(top_categories) > 0", TopBuckets)},
                {Buckets("t", "a, unnest(interest_tags) t", TopBuckets)},
                {Buckets("t", "a, unnest(tags) t", TopBuckets)},
                (SELECT count(*) FROM a WHERE propensity IS NOT NULL),
                (SELECT COALESCE(sum(expected_spend), 0) FROM a),
                {Tenths("propensity")},
                {Tenths("churn_risk")},
                {Buckets("persona || ': ' || COALESCE(persona_description, '')", "a WHERE persona IS NOT NULL", limit: null)}
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new AudienceSummary(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.GetInt64(2),
            reader.GetDecimal(3),
            ReadBuckets(reader, 4),
            ReadBuckets(reader, 5),
            ReadBuckets(reader, 6),
            ReadBuckets(reader, 7),
            ReadBuckets(reader, 8),
            ReadBuckets(reader, 9),
            ReadBuckets(reader, 10),
            reader.GetInt64(11),
            reader.GetDouble(12),
            ReadBuckets(reader, 13),
            ReadBuckets(reader, 14),
            ReadBuckets(reader, 15));
    }

    // A histogram of a 0-to-1 score in tenths ("0.0-0.1" … "0.9-1.0", 1 in the last), in bin order; unscored users are not counted.
    private static string Tenths(string column) => $"""
        (SELECT COALESCE(jsonb_agg(jsonb_build_array(k, n) ORDER BY k), '[]')
         FROM (SELECT to_char(bin / 10.0, 'FM0.0') || '-' || to_char((bin + 1) / 10.0, 'FM0.0') AS k, count(*) AS n
               FROM (SELECT least(floor({column} * 10), 9)::int AS bin FROM a WHERE {column} IS NOT NULL) x GROUP BY bin) h)
        """;

    private static string Buckets(string key, string from, int? limit) => $"""
        (SELECT COALESCE(jsonb_agg(jsonb_build_array(k, n) ORDER BY n DESC, k), '[]')
         FROM (SELECT {key} AS k, count(*) AS n FROM {from} GROUP BY 1 ORDER BY 2 DESC, 1 {(limit is null ? "" : $"LIMIT {limit}")}) b)
        """;

    private static List<Bucket> ReadBuckets(NpgsqlDataReader reader, int ordinal) =>
        JsonDocument.Parse(reader.GetString(ordinal)).RootElement.EnumerateArray()
            .Select(pair => new Bucket(pair[0].GetString() ?? "unknown", pair[1].GetInt64()))
            .ToList();
}
