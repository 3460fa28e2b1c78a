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

    public TracingOptions Tracing { get; set; } = new();

    public DecisionOptions Decisions { get; set; } = new();
}
