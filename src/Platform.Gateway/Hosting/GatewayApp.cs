using Microsoft.Extensions.Configuration.Memory;
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
        configure?.Invoke(builder);
        builder.AddPlatformGateway();
        var app = builder.Build();
        await app.Services.GetRequiredService<DatabaseSetup>().RunAsync(cancellationToken: app.Lifetime.ApplicationStopping);
        app.MapPlatformEndpoints();
        return app;
    }
}
