using Hangfire.PostgreSql;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Storage.Migrations;

namespace Platform.Storage;

/// <summary>
/// Brings the database to the current schema at start-up: our migrations, then Hangfire's own schema.
/// Both run under one session advisory lock, so any number of nodes may start at once.
/// </summary>
public sealed class DatabaseSetup(NpgsqlDataSource dataSource, MigrationRunner migrations, ILogger<DatabaseSetup> logger)
{
    public const string HangfireSchema = "hangfire";

    // Any constant shared by every node; "platform" in ASCII.
    private const long AdvisoryLockKey = 0x706C6174666F726D;
    private static readonly TimeSpan ConnectRetryDelay = TimeSpan.FromSeconds(1);

    public async Task RunAsync(int connectAttempts = 30, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(connectAttempts, cancellationToken);
        await using (var acquire = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", connection))
        {
            await acquire.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var applied = await migrations.ApplyAsync(connection, EmbeddedMigrations.Load(), cancellationToken);
            PostgreSqlObjectsInstaller.Install(connection, HangfireSchema);
            logger.LogInformation("Database ready ({Count} migrations applied now)", applied.Count);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task<NpgsqlConnection> ConnectAsync(int attempts, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await dataSource.OpenConnectionAsync(cancellationToken);
            }
            catch (NpgsqlException exception) when (attempt < attempts && exception.IsTransient)
            {
                logger.LogWarning("Database not reachable yet (attempt {Attempt} of {Attempts}): {Reason}", attempt, attempts, exception.Message);
                await Task.Delay(ConnectRetryDelay, cancellationToken);
            }
        }
    }
}
