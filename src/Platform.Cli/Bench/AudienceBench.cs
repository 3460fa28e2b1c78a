using System.Diagnostics;
using Npgsql;

namespace Platform.Cli.Bench;

/// <summary>
/// audienceSummary over a large audience. The tenant's real users (attributes and projection rows written
/// by the platform) are copied under new ids in PostgreSQL until there are as many as asked, so the query
/// meets realistic distributions at the size of a large merchant without ingesting their history first.
/// </summary>
public sealed class AudienceBench(GraphQLClient client, string connectionString)
{
    private const string Summary = "query($a: AudienceInput!) { audienceSummary(audience: $a) { users withEvents buyers revenue ageBuckets { key count } genders { key count } regions { key count } rfmSegments { key count } topCategories { key count } interestTags { key count } tags { key count } } }";

    public async Task<long> GrowAsync(string tenantId, int users, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var table in new[] { "users.attributes", "users.profiles" })
        {
            var columns = await ColumnsAsync(connection, table, cancellationToken);
            var select = string.Join(", ", columns.Select(c => c == "user_id" ? "user_id || '~' || k" : c));
            await using var copy = new NpgsqlCommand($"""
                INSERT INTO {table} ({string.Join(", ", columns)})
                SELECT {select} FROM {table} CROSS JOIN generate_series(1, @copies) AS k
                WHERE tenant_id = @tenant AND strpos(user_id, '~') = 0
                ORDER BY k, user_id
                LIMIT greatest(0, @target - (SELECT count(*) FROM {table} WHERE tenant_id = @tenant))
                ON CONFLICT DO NOTHING
                """, connection) { CommandTimeout = 600 };
            copy.Parameters.AddWithValue("tenant", tenantId);
            copy.Parameters.AddWithValue("target", (long)users);
            copy.Parameters.AddWithValue("copies", 1 + (users / Math.Max(1, await CountAsync(connection, table, tenantId, cancellationToken))));
            await copy.ExecuteNonQueryAsync(cancellationToken);
        }

        // Vacuumed as well as analyzed, as a shop's tables are once autovacuum has been by: otherwise the first reads set
        // the new rows' hint bits, and autovacuum's pass over them (due once 20% of a table is new) runs beside the
        // measured queries.
        await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) users.attributes, users.profiles", connection) { CommandTimeout = 600 };
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
        return await CountAsync(connection, "users.profiles", tenantId, cancellationToken);
    }

    /// <summary>Runs the summary several times; returns the sorted durations in milliseconds and the user count it reported.</summary>
    public async Task<(List<double> Milliseconds, long Users)> TimeAsync(string apiKey, object audience, int runs, CancellationToken cancellationToken)
    {
        var durations = new List<double>();
        long users = 0;
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var data = await client.ExecuteAsync(apiKey, Summary, new { a = audience }, cancellationToken);
            durations.Add(clock.Elapsed.TotalMilliseconds);
            users = data.GetProperty("audienceSummary").GetProperty("users").GetInt64();
        }

        durations.Sort();
        return (durations, users);
    }

    private static async Task<List<string>> ColumnsAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        var parts = table.Split('.');
        await using var command = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = @schema AND table_name = @table ORDER BY ordinal_position", connection);
        command.Parameters.AddWithValue("schema", parts[0]);
        command.Parameters.AddWithValue("table", parts[1]);
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string table, string tenantId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE tenant_id = @tenant", connection);
        command.Parameters.AddWithValue("tenant", tenantId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
