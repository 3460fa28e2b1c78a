using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Platform.Cli.Bench;

/// <summary>Posts pre-serialized GraphQL bodies, so a benchmark's client spends its time waiting, not serializing.</summary>
public sealed class RawGraphQL(HttpClient http, Uri endpoint, string apiKey)
{
    /// <summary>Posts a body; returns the response's data, or throws on errors.</summary>
    public async Task<JsonElement> PostAsync(string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return GraphQLClient.ReadResponse((int)response.StatusCode, text);
    }
}
