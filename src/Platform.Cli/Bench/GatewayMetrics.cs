using System.Globalization;

namespace Platform.Cli.Bench;

/// <summary>Reads the gateway's Prometheus endpoint: the process's resident memory and the managed heap.</summary>
public sealed class GatewayMetrics(HttpClient http, Uri graphqlEndpoint)
{
    public async Task<(double WorkingSetBytes, double ManagedBytes)> ReadAsync(CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync(new Uri(graphqlEndpoint, "/metrics"), cancellationToken);
        return (Value(text, "process_working_set_bytes"), Value(text, "dotnet_total_memory_bytes"));
    }

    private static double Value(string exposition, string name)
    {
        var line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The gateway's /metrics has no {name}.");
        return double.Parse(line[(name.Length + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
