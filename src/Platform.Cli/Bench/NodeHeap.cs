using System.Net.Http.Json;

namespace Platform.Cli.Bench;

/// <summary>
/// The gateway's POST /operator/heap (system key): the node's live managed heap after full blocking collections and
/// the user grains its silo holds.
/// </summary>
public sealed class NodeHeap(HttpClient http, Uri graphqlEndpoint, string systemKey)
{
    /// <summary>Live heap and activations of one node at one instant.</summary>
    public sealed record Figures(long LiveHeapBytes, int UserGrains);

    private const string UserGrainClass = "Platform.Grains.Profiles.UserGrain";

    // Mirrors the gateway's HeapEndpoint.Answer (the CLI does not reference the gateway).
    private sealed record Answer(long LiveHeapBytes, Dictionary<string, int> Activations);

    /// <summary>The nodes' figures added together: the cluster's live heap and user grains.</summary>
    public static async Task<Figures> ReadAllAsync(IReadOnlyList<NodeHeap> nodes, CancellationToken cancellationToken)
    {
        var figures = new List<Figures>();
        foreach (var node in nodes)
        {
            figures.Add(await node.ReadAsync(cancellationToken));
        }

        return new Figures(figures.Sum(f => f.LiveHeapBytes), figures.Sum(f => f.UserGrains));
    }

    public async Task<Figures> ReadAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(graphqlEndpoint, "/operator/heap"));
        request.Headers.Add("X-Api-Key", systemKey);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<Answer>(cancellationToken)
            ?? throw new InvalidOperationException("The gateway's /operator/heap answered nothing.");
        // Orleans names a grain type by its class and assembly: "Platform.Grains.Profiles.UserGrain,Platform.Grains".
        var users = answer.Activations.Where(a => a.Key.Split(',')[0] == UserGrainClass).Sum(a => a.Value);
        return new Figures(answer.LiveHeapBytes, users);
    }
}
