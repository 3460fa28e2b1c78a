using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using GraphQL;
using Platform.Gateway.Api.Transport;

namespace Platform.Gateway.Api.Execution;

/// <summary>
/// Reads the GraphQL-over-HTTP request shape ({query, operationName, variables, extensions}) from JSON,
/// naming the offending member when the shape is wrong.
/// </summary>
public sealed class GraphQLRequestReader(IGraphQLTextSerializer serializer)
{
    public bool TryRead(JsonElement body, [NotNullWhen(true)] out GraphQLRequestBody? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = "The request body must be a JSON object.";
            return false;
        }

        if (!body.TryGetProperty("query", out var query) || query.ValueKind == JsonValueKind.Null)
        {
            error = "'query' is required.";
            return false;
        }

        if (query.ValueKind != JsonValueKind.String)
        {
            error = "'query' must be a string.";
            return false;
        }

        if (!TryReadOptionalString(body, "operationName", out var operationName, out error)
            || !TryReadOptionalObject(body, "variables", out var variables, out error)
            || !TryReadOptionalObject(body, "extensions", out var extensions, out error))
        {
            return false;
        }

        request = new GraphQLRequestBody(query.GetString()!, operationName, variables, extensions);
        return true;
    }

    /// <summary>Parses a JSON-encoded object given as text (the GET "variables" and "extensions" parameters).</summary>
    public bool TryReadObjectText(string name, string? text, out Inputs? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        try
        {
            using var document = RequestJson.Parse(text);
            return TryConvertObject(name, document.RootElement, out value, out error);
        }
        catch (JsonException)
        {
            error = $"'{name}' must be a JSON object.";
            return false;
        }
    }

    private static bool TryReadOptionalString(JsonElement body, string name, out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = $"'{name}' must be a string.";
            return false;
        }

        value = element.GetString();
        return true;
    }

    private bool TryReadOptionalObject(JsonElement body, string name, out Inputs? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        return !body.TryGetProperty(name, out var element) || TryConvertObject(name, element, out value, out error);
    }

    private bool TryConvertObject(string name, JsonElement element, out Inputs? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.Object:
                value = serializer.ReadNode<Inputs>(element);
                return true;
            default:
                error = $"'{name}' must be a JSON object.";
                return false;
        }
    }
}
