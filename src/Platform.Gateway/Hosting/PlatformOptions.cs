namespace Platform.Gateway.Hosting;

/// <summary>Settings under "Platform" (environment: Platform__SystemKey, PLATFORM_DATABASE_URL, …).</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>PostgreSQL URL or connection string (PLATFORM_DATABASE_URL also works).</summary>
    public string? DatabaseUrl { get; set; }

    /// <summary>The operator's key: it can create tenants. Never logged.</summary>
    public string? SystemKey { get; set; }

    public OrleansEndpointOptions Orleans { get; set; } = new();

    public GraphQLLimitOptions GraphQL { get; set; } = new();

    public ImportLimitOptions Imports { get; set; } = new();

    /// <summary>
    /// Whether tenant ADMIN keys may open the Hangfire dashboard, read-only (the system key always may).
    /// Off by default: the dashboard shows every tenant's jobs. ./platform up turns it on, since there
    /// one operator owns every tenant.
    /// </summary>
    public bool HangfireDashboardForTenantAdmins { get; set; }
}
