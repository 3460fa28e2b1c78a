using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Platform.IntegrationTests.Support;

/// <summary>A plain HTTP client for the gateway's GraphQL endpoint: what any outside tool would send.</summary>
/// <param name="timeout">How long a request may take (default: HttpClient's 100 s).</param>
public sealed class GraphQLHttp(Uri endpoint, TimeSpan? timeout = null) : IDisposable
{
    public const string GraphQLResponseType = "application/graphql-response+json";

    private readonly HttpClient http = new() { Timeout = timeout ?? TimeSpan.FromSeconds(100) };

    public Task<GraphQLResponse> PostAsync(string? apiKey, string query, object? variables = null, string? operationName = null, string accept = GraphQLResponseType) =>
        SendRawAsync(apiKey, JsonSerializer.Serialize(new { query, variables, operationName }), accept);

    public async Task<GraphQLResponse> SendRawAsync(string? apiKey, string body, string accept = GraphQLResponseType, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await SendAsync(request, apiKey, accept);
    }

    /// <summary>Posts any content: bytes that are not valid UTF-8, a hand-made multipart body.</summary>
    public async Task<GraphQLResponse> SendContentAsync(string? apiKey, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        return await SendAsync(request, apiKey, GraphQLResponseType);
    }

    /// <summary>Posts, asserts there are no errors, and returns data's root field.</summary>
    public async Task<JsonElement> FieldAsync(string apiKey, string query, object? variables, string field)
    {
        var response = await PostAsync(apiKey, query, variables);
        response.AssertSuccess();
        return response.Data.GetProperty(field);
    }

    /// <summary>A GraphQL multipart request (the upload spec): the file goes to variables.file.</summary>
    public async Task<GraphQLResponse> UploadAsync(string? apiKey, string query, Dictionary<string, object?> variables, string fileName, byte[] file)
    {
        variables["file"] = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        var content = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(new { query, variables })), "operations" },
            { new StringContent("""{"0": ["variables.file"]}"""), "map" },
            { new ByteArrayContent(file), "0", fileName },
        };
        request.Content = content;
        return await SendAsync(request, apiKey, GraphQLResponseType);
    }

    public async Task<GraphQLResponse> GetAsync(string? apiKey, string query, string accept = GraphQLResponseType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{endpoint}?query={Uri.EscapeDataString(query)}");
        return await SendAsync(request, apiKey, accept);
    }

    public void Dispose() => http.Dispose();

    private async Task<GraphQLResponse> SendAsync(HttpRequestMessage request, string? apiKey, string accept)
    {
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        request.Headers.Accept.ParseAdd(accept);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new GraphQLResponse(response.StatusCode, body, response.Headers, response.Content.Headers.ContentType?.MediaType);
    }
}
