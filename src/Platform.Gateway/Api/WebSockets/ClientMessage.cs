using System.Text.Json;
using Platform.Gateway.Api.Transport;

namespace Platform.Gateway.Api.WebSockets;

/// <summary>A message from a graphql-transport-ws client. The API key travels in connection_init's payload.</summary>
public sealed record ClientMessage(string Type, string? Id, JsonElement? Payload, string? ApiKey)
{
    public static ClientMessage Parse(byte[] utf8)
    {
        using var document = RequestJson.Parse(utf8);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw new FormatException("a message must be an object with a string 'type'");
        }

        string? id = null;
        if (root.TryGetProperty("id", out var idElement))
        {
            id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : throw new FormatException("'id' must be a string");
        }

        JsonElement? payload = root.TryGetProperty("payload", out var p) && p.ValueKind != JsonValueKind.Null ? p.Clone() : null;
        string? apiKey = null;
        if (payload is { ValueKind: JsonValueKind.Object } init && init.TryGetProperty("apiKey", out var key) && key.ValueKind == JsonValueKind.String)
        {
            apiKey = key.GetString();
        }

        return new ClientMessage(type.GetString()!, id, payload, apiKey);
    }
}
