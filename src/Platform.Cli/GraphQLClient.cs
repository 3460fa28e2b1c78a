using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Cli;

/// <summary>A minimal GraphQL-over-HTTP client for the CLI: POST, X-Api-Key, errors become exceptions.</summary>
public sealed class GraphQLClient(HttpClient http, Uri endpoint)
{
    public async Task<JsonElement> ExecuteAsync(string apiKey, string query, object? variables = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        request.Headers.Add("X-Api-Key", apiKey);
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            throw new GraphQLClientException((int)response.StatusCode, null, $"HTTP {(int)response.StatusCode}: {body}");
        }

        if (root.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
        {
            var first = errors[0];
            var code = first.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var c) ? c.GetString() : null;
            throw new GraphQLClientException((int)response.StatusCode, code, first.GetProperty("message").GetString() ?? "GraphQL error");
        }

        return root.GetProperty("data");
    }

    public static JsonObject ReadJsonFile(string path) =>
        File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? [] : [];
}
