using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Storage.Migrations;

/// <summary>
/// Applies pending migrations, each in its own transaction, recorded in platform.schema_migrations.
/// The caller holds the start-up advisory lock (see <see cref="DatabaseSetup"/>). A script edited after
/// it was applied stops the start-up instead of being silently skipped.
/// </summary>
public sealed class MigrationRunner(ILogger<MigrationRunner> logger)
{
    public async Task<IReadOnlyList<Migration>> ApplyAsync(
        NpgsqlConnection connection, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        await EnsureJournalAsync(connection, cancellationToken);
        var applied = await ReadJournalAsync(connection, cancellationToken);
        var newlyApplied = new List<Migration>();
        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out var checksum))
            {
                if (checksum != migration.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Name} was changed after it was applied; add a new migration instead.");
                }

                continue;
            }

            await ApplyOneAsync(connection, migration, cancellationToken);
            newlyApplied.Add(migration);
        }

        return newlyApplied;
    }
    private async Task ApplyOneAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        logger.LogInformation("Applying migration {Version} {Name}", migration.Version, migration.Name);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
        {
            await script.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var record = new NpgsqlCommand(
            "INSERT INTO platform.schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)",
            connection,
            transaction))
        {
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            record.Parameters.AddWithValue("checksum", migration.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task EnsureJournalAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            CREATE SCHEMA IF NOT EXISTS platform;
            CREATE TABLE IF NOT EXISTS platform.schema_migrations (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """,
            connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<Dictionary<int, string>> ReadJournalAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM platform.schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new Dictionary<int, string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }
}
