using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Logging.Console;
using Platform.Abstractions.Hosting;
using Platform.Storage;

namespace Platform.Gateway.Hosting;

/// <summary>Builds a gateway node with its database brought up to date; used by Program and by tests.</summary>
public static class GatewayApp
{
    public static async Task<WebApplication> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LogDefaults.Levels });
        KeepUrlsOutOfLogs(builder.Logging);
        configure?.Invoke(builder);
        builder.AddPlatformGateway();
        var app = builder.Build();
        await app.Services.GetRequiredService<DatabaseSetup>().RunAsync(cancellationToken: app.Lifetime.ApplicationStopping);
        app.MapPlatformEndpoints();
        return app;
    }

    /// <summary>
    /// ASP.NET Core logs every request's URL, query string included, at Information: a secret a client put in a URL
    /// (a <c>createWebhook</c> sent with GET) would reach the log once someone raised the level. The console is the
    /// only log provider, and its rule for that category is added after the configuration's, so it wins over any
    /// <c>Logging:…</c> setting (docs/configuration.md#logging).
    /// </summary>
    private static void KeepUrlsOutOfLogs(ILoggingBuilder logging) =>
        logging.ClearProviders()
            .AddConsole()
            .AddFilter<ConsoleLoggerProvider>(RequestLogCategory, LogLevel.Warning);

    public const string RequestLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";
}
