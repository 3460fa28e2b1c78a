using System.Text.Json;
using System.Text.Unicode;

namespace Platform.Gateway.Api.Transport;

/// <summary>
/// JSON as clients send it (HTTP bodies, multipart parts, WebSocket messages, GET parameters). Invalid UTF-8 is refused
/// up front: System.Text.Json parses it and only fails later, when a string is read. A key given twice in one object is
/// refused too, rather than letting the last one silently win.
/// </summary>
public static class RequestJson
{
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false };

    /// <exception cref="JsonException">Not UTF-8, not JSON, or a key given twice.</exception>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8) =>
        Utf8.IsValid(utf8.Span) ? JsonDocument.Parse(utf8, Options) : throw new JsonException("The text is not valid UTF-8.");

    /// <exception cref="JsonException">Not JSON, or a key given twice.</exception>
    public static JsonDocument Parse(string text) => JsonDocument.Parse(text, Options);

    /// <summary>Reads a stream (a multipart part) into memory and parses it.</summary>
    public static async Task<JsonDocument> ParseAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
