using Npgsql;

namespace Platform.Storage.Database;

/// <summary>
/// Accepts either a URL (postgres://user:password@host:port/database?sslmode=require) or an Npgsql
/// connection string, and returns an Npgsql connection string.
/// </summary>
public static class DatabaseUrl
{
    public const string EnvironmentVariable = "PLATFORM_DATABASE_URL";

    /// <summary>The ADO.NET provider name Orleans' providers load Npgsql by.</summary>
    public const string AdoNetInvariant = "Npgsql";

    /// <summary>
    /// Connections each pool of a node may open. The main pool serves the event log, reads and grain
    /// state; the small ones serve Orleans membership and reminders, and Hangfire. About 50 per node in
    /// all, so two nodes fit PostgreSQL's default of 100 connections.
    /// </summary>
    public const int MainPoolSize = 30;
    public const int SmallPoolSize = 5;
    public const int JobsPoolSize = 8;

    /// <summary>
    /// Seconds between the checks Npgsql makes of each idle pooled connection unless the configuration sets its own
    /// <c>Keepalive</c>. A database restart breaks every pooled connection, and Npgsql does not check one when it hands it
    /// out: without this each would fail its next command once (a job's attempt, a request); with it, one found broken
    /// is dropped from the pool, so after an outage longer than this the pool opens fresh ones.
    /// </summary>
    public const int PooledKeepAliveSeconds = 5;

    /// <summary>The connection string for a pool of at most <paramref name="maxPoolSize"/> connections, idle ones checked.</summary>
    public static string ForPool(string connectionString, int maxPoolSize)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxPoolSize };
        if (!new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.ContainsKey("Keepalive"))
        {
            builder.KeepAlive = PooledKeepAliveSeconds;
        }

        return builder.ConnectionString;
    }

    /// <summary>The configured value, else PLATFORM_DATABASE_URL, as an Npgsql connection string.</summary>
    public static string Resolve(string? configured)
    {
        var value = string.IsNullOrWhiteSpace(configured) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : configured;
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"No database configured: set {EnvironmentVariable} (postgres://user:password@host:port/database) or Platform:DatabaseUrl.");
        }

        return ToConnectionString(value);
    }

    public static string ToConnectionString(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnectionStringBuilder(value).ConnectionString;
        }

        var uri = new Uri(value);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };

        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0]);
            builder[key] = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
        }

        return builder.ConnectionString;
    }
}
