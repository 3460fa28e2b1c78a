using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Platform.Gateway.Hosting;
using Platform.Testing;

namespace Platform.IntegrationTests.Support;

/// <summary>A real gateway node (Kestrel, silo, GraphQL, Hangfire client) in this process, on free ports.</summary>
public sealed class GatewayNode : IAsyncDisposable
{
    private readonly WebApplication app;

    private GatewayNode(WebApplication app, int httpPort, int siloPort)
    {
        this.app = app;
        HttpPort = httpPort;
        SiloPort = siloPort;
        BaseUri = new Uri($"http://127.0.0.1:{httpPort}");
    }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public Uri BaseUri { get; }

    public Uri GraphQLUri => new(BaseUri, "/graphql");

    public IServiceProvider Services => app.Services;

    public static async Task<GatewayNode> StartAsync(NodeSettings settings, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var httpPort = FreePorts.Next();
        var siloPort = FreePorts.Next();
        var args = new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{httpPort}",
            ["Platform:DatabaseUrl"] = settings.ConnectionString,
            ["Platform:SystemKey"] = settings.SystemKey,
            ["Platform:Orleans:ClusterId"] = settings.ClusterId,
            ["Platform:Orleans:ServiceId"] = settings.ClusterId,
            ["Platform:Webhooks:AllowHttp"] = "true", // test endpoints listen on loopback
            ["Platform:Webhooks:AllowPrivateNetworks"] = "true",
            ["Platform:Orleans:SiloPort"] = siloPort.ToString(),
            ["Platform:Orleans:GatewayPort"] = FreePorts.Next().ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            args[key] = value;
        }

        var app = await GatewayApp.CreateAsync([.. args.Select(pair => $"--{pair.Key}={pair.Value}")]);
        await app.StartAsync();
        var node = new GatewayNode(app, httpPort, siloPort);
        await node.WaitUntilReadyAsync();
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(120); // a fresh database's migrations on 2 busy cores
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync(new Uri(BaseUri, "/health/ready"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Kestrel not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Gateway node on {BaseUri} did not become ready.");
    }
}
