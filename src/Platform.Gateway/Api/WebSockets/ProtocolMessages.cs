using System.Text;
using System.Text.Json;
using GraphQL;

namespace Platform.Gateway.Api.WebSockets;

/// <summary>Builds the outgoing graphql-transport-ws messages as UTF-8 JSON.</summary>
public sealed class ProtocolMessages(IGraphQLTextSerializer serializer)
{
    public static byte[] ConnectionAck { get; } = Encoding.UTF8.GetBytes("""{"type":"connection_ack"}""");

    public static byte[] Pong { get; } = Encoding.UTF8.GetBytes("""{"type":"pong"}""");

    public byte[] Next(string id, ExecutionResult result) => Write(id, "next", serializer.Serialize(result));

    public static byte[] Complete(string id) => Write(id, "complete", null);

    /// <summary>An "error" message: the payload is the list of GraphQL errors of a result that did not run.</summary>
    public byte[] Error(string id, ExecutionResult result)
    {
        using var document = JsonDocument.Parse(serializer.Serialize(result));
        var errors = document.RootElement.TryGetProperty("errors", out var list) ? list.GetRawText() : "[]";
        return Write(id, "error", errors);
    }

    public static byte[] Error(string id, string code, string message) =>
        Write(id, "error", JsonSerializer.Serialize(new[] { new { message, extensions = new { code } } }));

    private static byte[] Write(string id, string type, string? rawPayload)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", type);
            if (rawPayload is not null)
            {
                writer.WritePropertyName("payload");
                writer.WriteRawValue(rawPayload, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
