using Hangfire;
using Hangfire.PostgreSql;
using Platform.Storage.Database;

namespace Platform.Storage;

/// <summary>Hangfire on the platform database, the same for the gateway (client, dashboard) and workers.</summary>
public static class HangfireStorage
{
    /// <summary>
    /// How long a job stays taken after its worker stops renewing it (docs/architecture.md#imports, step 4), and when a
    /// lock row counts as abandoned (<see cref="StorageOptions"/>). The key and its default are in docs/configuration.md.
    /// </summary>
    public const string JobInvisibilityKey = "Platform:Jobs:InvisibilitySeconds";

    public static readonly TimeSpan DefaultJobInvisibility = TimeSpan.FromMinutes(2);

    public static IGlobalConfiguration UsePlatformStorage(this IGlobalConfiguration configuration, string connectionString, TimeSpan jobInvisibility) =>
        configuration
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(options => options.UseNpgsqlConnection(DatabaseUrl.ForPool(connectionString, DatabaseUrl.JobsPoolSize)), StorageOptions(jobInvisibility));

    /// <summary>
    /// The value of <see cref="JobInvisibilityKey"/>: whole seconds from 10 to 3600, the default when unset. A worker renews
    /// its jobs every fifth of it, so the lower bound leaves two seconds between renewals.
    /// </summary>
    public static TimeSpan JobInvisibility(string? seconds)
    {
        if (string.IsNullOrWhiteSpace(seconds))
        {
            return DefaultJobInvisibility;
        }

        return int.TryParse(seconds, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is >= 10 and <= 3600
            ? TimeSpan.FromSeconds(value)
            : throw new InvalidOperationException($"{JobInvisibilityKey} must be a whole number of seconds from 10 to 3600, not '{seconds}'.");
    }

    /// <summary>
    /// <paramref name="jobInvisibility"/>: a job whose worker died (killed, its machine lost) is fetched again once this
    /// long has passed since its worker last renewed it (every fifth of it); without it a killed import waited 30 minutes.
    /// It is also when a lock row counts as abandoned. Hangfire's locks on PostgreSQL are rows, released by deleting them:
    /// a lock taken just before the database stopped keeps its row, and a worker that fetches the job waits for it (up to
    /// 15 minutes) — with the default of 10 minutes, two such jobs held both workers of the default queue after a restart
    /// (docs/reliability.md). The job of such a lock is fetched again when its lock has expired too. Longer than
    /// Hangfire's ordinary holds (a state change, a scheduler pass); an expiration pass over a very large table can
    /// outlast it, and then two servers clean up at once, which costs only repeated deletes.
    /// <c>[DisableConcurrentExecution]</c>, whose lock lasts a whole job, must not be used with it.
    /// </summary>
    public static PostgreSqlStorageOptions StorageOptions(TimeSpan jobInvisibility) => new()
    {
        SchemaName = DatabaseSetup.HangfireSchema,
        PrepareSchemaIfNecessary = false, // DatabaseSetup installs it under the start-up lock
        EnableLongPolling = true, // LISTEN/NOTIFY: workers pick a job up at once instead of polling
        QueuePollInterval = TimeSpan.FromSeconds(5),
        InvisibilityTimeout = jobInvisibility,
        UseSlidingInvisibilityTimeout = true,
        DistributedLockTimeout = jobInvisibility,
    };
}
