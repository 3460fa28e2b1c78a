using Microsoft.Net.Http.Headers;

namespace Platform.Gateway.Api.Transport;

/// <summary>Content negotiation per GraphQL over HTTP.</summary>
public static class MediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";
    public const string Acceptable = "application/graphql-response+json; charset=utf-8, application/json; charset=utf-8";

    /// <summary>
    /// The response media type for an Accept header: the first acceptable entry wins (q-values are
    /// ignored, as the reference implementation does); a missing header or a wildcard means application/json.
    /// Null when nothing acceptable is listed.
    /// </summary>
    public static string? Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return Json;
        }

        if (!MediaTypeHeaderValue.TryParseList([accept], out var entries))
        {
            return null;
        }

        foreach (var entry in entries)
        {
            if (entry.Charset.HasValue && !entry.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var mediaType = entry.MediaType.Value?.ToLowerInvariant();
            switch (mediaType)
            {
                case GraphQLResponse:
                    return GraphQLResponse;
                case Json or "application/*" or "*/*":
                    return Json;
            }
        }

        return null;
    }

    /// <summary>multipart/form-data: the GraphQL multipart request spec, for file uploads.</summary>
    public static bool IsMultipart(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>POST bodies must be application/json, optionally with charset=utf-8.</summary>
    public static bool IsJsonRequest(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
        && (!parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}
