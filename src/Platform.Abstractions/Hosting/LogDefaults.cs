namespace Platform.Abstractions.Hosting;

/// <summary>
/// Default log levels of every platform process: Information for the platform's own code, Warning for the
/// frameworks (Orleans, ASP.NET Core, Hangfire, Npgsql, Polly). Configuration (Logging:LogLevel:…, e.g. the
/// environment variable Logging__LogLevel__Orleans=Information) overrides them; docs/configuration.md#logging.
/// </summary>
public static class LogDefaults
{
    public static IEnumerable<KeyValuePair<string, string?>> Levels { get; } = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Platform"] = "Information",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        // A GraphQL operation's lines carry its tenant, trace and span ids (scopes); Logging:Console:FormatterName=json writes them as fields.
        ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
    };
}
