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
        return ReadResponse((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>The data of a GraphQL response; its first error, or a body that is not JSON, becomes a <see cref="GraphQLClientException"/>.</summary>
    public static JsonElement ReadResponse(int statusCode, string body)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            throw new GraphQLClientException(statusCode, null, $"HTTP {statusCode}: {body}");
        }

        if (root.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
        {
            var first = errors[0];
            var hasExtensions = first.TryGetProperty("extensions", out var extensions);
            var code = hasExtensions && extensions.TryGetProperty("code", out var c) ? c.GetString() : null;
            var field = hasExtensions && extensions.TryGetProperty("field", out var f) ? $" ({f.GetString()})" : "";
            double? retryAfter = hasExtensions && extensions.TryGetProperty("retryAfterSeconds", out var r) ? r.GetDouble() : null;
            throw new GraphQLClientException(statusCode, code, (first.GetProperty("message").GetString() ?? "GraphQL error") + field, retryAfter);
        }

        return root.GetProperty("data");
    }

    public static JsonObject ReadJsonFile(string path) =>
        File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? [] : [];
}
