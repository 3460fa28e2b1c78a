using Hangfire;
using Hangfire.PostgreSql;
using Platform.Storage.Database;

namespace Platform.Storage;

/// <summary>Hangfire on the platform database, the same for the gateway (client, dashboard) and workers.</summary>
public static class HangfireStorage
{
    public static IGlobalConfiguration UsePlatformStorage(this IGlobalConfiguration configuration, string connectionString) =>
        configuration
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                options => options.UseNpgsqlConnection(DatabaseUrl.WithPoolSize(connectionString, DatabaseUrl.JobsPoolSize)),
                new PostgreSqlStorageOptions
                {
                    SchemaName = DatabaseSetup.HangfireSchema,
                    PrepareSchemaIfNecessary = false, // DatabaseSetup installs it under the start-up lock
                    EnableLongPolling = true, // LISTEN/NOTIFY: workers pick a job up at once instead of polling
                    QueuePollInterval = TimeSpan.FromSeconds(5),
                });
}
