using Platform.Testing;

namespace Platform.IntegrationTests.Support;

/// <summary>The real gateway executable as a separate process, for tests that kill it the way a crash would.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly ChildProcess process;

    private GatewayProcess(ChildProcess process, NodePorts ports)
    {
        this.process = process;
        Ports = ports;
        BaseUri = new Uri($"http://127.0.0.1:{ports.Http}");
    }

    /// <summary>The ports a restart reuses: a silo that comes back on its old address replaces its dead entry at once.</summary>
    public NodePorts Ports { get; }

    public Uri BaseUri { get; }

    public Uri GraphQLUri => new(BaseUri, "/graphql");

    public string Output => process.Output;

    /// <param name="environment">More environment variables (log levels, settings), over the defaults.</param>
    public static async Task<GatewayProcess> StartAsync(NodeSettings settings, NodePorts? ports = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var dll = Path.Combine(RepositoryPaths.Root, "src", "Platform.Gateway", "bin", RepositoryPaths.Configuration, "net10.0", "linux-x64", "Platform.Gateway.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the solution first: the gateway is started from its build output.", dll);
        }

        var p = ports ?? new NodePorts(FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var variables = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{p.Http}",
            ["Platform__DatabaseUrl"] = settings.ConnectionString,
            ["Platform__SystemKey"] = settings.SystemKey,
            ["Platform__Orleans__ClusterId"] = settings.ClusterId,
            ["Platform__Orleans__ServiceId"] = settings.ClusterId,
            ["Platform__Orleans__SiloPort"] = p.Silo.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Platform__Orleans__GatewayPort"] = p.Gateway.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Orleans"] = "Error",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        var gateway = new GatewayProcess(ChildProcess.Start("dotnet", [dll], variables), p);
        await gateway.WaitUntilReadyAsync();
        return gateway;
    }

    public bool HasExited => process.HasExited;

    /// <summary>SIGSTOP: the node stops answering anything (probes too) until <see cref="ResumeAsync"/>, as a stalled machine would.</summary>
    public Task PauseAsync() => process.SignalAsync("STOP");

    public Task ResumeAsync() => process.SignalAsync("CONT");

    /// <summary>SIGKILL: no shutdown hooks, no flushing; whatever was in memory is gone.</summary>
    public ValueTask KillAsync() => process.DisposeAsync();

    public ValueTask DisposeAsync() => process.DisposeAsync();

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited during start-up:\n{process.Output}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(BaseUri, "/health/ready"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The gateway on {BaseUri} did not become ready:\n{process.Output}");
    }
}

/// <summary>HTTP, silo and Orleans gateway ports of one node.</summary>
public sealed record NodePorts(int Http, int Silo, int Gateway);
