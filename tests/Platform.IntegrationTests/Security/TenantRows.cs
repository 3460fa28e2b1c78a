using Npgsql;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// A fingerprint of one tenant's rows in the database: for every table with a tenant_id column, the row count and a hash
/// of the rows' text. Two equal fingerprints mean no row was added, removed or changed. Left out are the rows written in
/// the background after a request has been answered, which move without any request: <see cref="Background"/>, and the
/// grains' persisted state (orleans.grain_state: a user grain writes its state up to 2 minutes after its events).
/// </summary>
public sealed class TenantRows : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly string sql;
    private readonly string tenantId;

    /// <summary>Written by background writers (ProjectionWriter, EnrollmentWriter) from events already acknowledged.</summary>
    public static readonly string[] Background = ["users.profiles", "campaigns.outcomes"];

    private TenantRows(NpgsqlDataSource dataSource, string sql, string tenantId) => (this.dataSource, this.sql, this.tenantId) = (dataSource, sql, tenantId);

    public static async Task<TenantRows> OpenAsync(string connectionString, string tenantId)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var tables = new List<string>();
        await using (var command = dataSource.CreateCommand("""
            SELECT format('%I.%I', c.table_schema, c.table_name) FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.column_name = 'tenant_id' ORDER BY 1
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var missing = Background.Except(tables).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"No such table to leave out: {string.Join(", ", missing)}"); // a renamed table would be fingerprinted again
        }

        var perTable = tables.Except(Background).Select(table =>
            $"SELECT '{table}', count(*), coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') FROM {table} t WHERE t.tenant_id = @tenant");
        return new TenantRows(dataSource, string.Join("\nUNION ALL\n", perTable), tenantId);
    }

    /// <summary>Table → (rows, hash) of the tenant's rows now.</summary>
    public async Task<Dictionary<string, (long Rows, string Hash)>> ReadAsync()
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("tenant", tenantId);
        var fingerprint = new Dictionary<string, (long, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            fingerprint[reader.GetString(0)] = (reader.GetInt64(1), reader.GetString(2));
        }

        return fingerprint;
    }

    /// <summary>The fingerprint once it has stopped moving (two readings 300 ms apart agree), or after 10 s.</summary>
    public async Task<Dictionary<string, (long Rows, string Hash)>> SettledAsync()
    {
        var last = await ReadAsync();
        for (var tries = 0; tries < 33; tries++)
        {
            await Task.Delay(300);
            var now = await ReadAsync();
            if (Differences(last, now).Count == 0)
            {
                return now;
            }

            last = now;
        }

        return last;
    }

    public static List<string> Differences(Dictionary<string, (long Rows, string Hash)> before, Dictionary<string, (long Rows, string Hash)> after) =>
        before.Keys.Union(after.Keys).Where(table => before.GetValueOrDefault(table) != after.GetValueOrDefault(table))
            .Select(table => $"{table} ({before.GetValueOrDefault(table).Rows} → {after.GetValueOrDefault(table).Rows} rows)").ToList();

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
