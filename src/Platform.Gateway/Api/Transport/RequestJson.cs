using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Platform.Gateway.Api.Transport;

/// <summary>
/// JSON as clients send it (HTTP bodies, multipart parts, WebSocket messages, GET parameters). Invalid UTF-8 and
/// escaped lone surrogates (<c>"\ud800"</c>, in a value or a key) are refused up front: System.Text.Json parses both and only fails later,
/// when a string is read. A key given twice in one object is refused too, rather than letting the last one silently win.
/// </summary>
public static class RequestJson
{
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false };

    /// <exception cref="JsonException">Not UTF-8, not JSON, a key given twice, or a string that is not text.</exception>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8) =>
        Utf8.IsValid(utf8.Span) ? Checked(() => JsonDocument.Parse(utf8, Options)) : throw new JsonException("The text is not valid UTF-8.");

    /// <exception cref="JsonException">Not JSON, a key given twice, or a string that is not text.</exception>
    public static JsonDocument Parse(string text) => Checked(() => JsonDocument.Parse(text, Options));

    /// <summary>
    /// UTF-8 JSON whose parts are checked one by one with <see cref="Problem"/> (the tracker source refuses a broken
    /// message of a batch alone, rather than the batch).
    /// </summary>
    /// <exception cref="JsonException">Not UTF-8 or not JSON.</exception>
    public static JsonDocument ParseUnchecked(ReadOnlyMemory<byte> utf8) =>
        Utf8.IsValid(utf8.Span) ? JsonDocument.Parse(utf8) : throw new JsonException("The text is not valid UTF-8.");

    /// <summary>What <see cref="Parse(ReadOnlyMemory{byte})"/> would refuse in this part of a document: a key given twice or a string that is not text.</summary>
    public static string? Problem(JsonElement element)
    {
        try
        {
            ReadStrings(element, checkDuplicates: true);
            return null;
        }
        catch (InvalidOperationException)
        {
            return "A string escapes a lone surrogate (such as \\ud800), which is not text.";
        }
        catch (JsonException exception)
        {
            return exception.Message;
        }
    }

    /// <summary>Reads a stream (a multipart part) of at most <paramref name="maxBytes"/> into memory and parses it.</summary>
    /// <exception cref="InvalidDataException">The part is larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<JsonDocument> ParseAsync(Stream stream, string part, long maxBytes, CancellationToken cancellationToken) =>
        await BoundedBody.ReadAsync(stream, maxBytes, cancellationToken) is { } bytes
            ? Parse(bytes)
            : throw new InvalidDataException($"The '{part}' part is larger than {maxBytes} bytes.");

    private static JsonDocument Checked(Func<JsonDocument> parse)
    {
        JsonDocument? document = null;
        try
        {
            document = parse(); // its check for keys given twice reads escaped keys, and throws as reading a string does
            ReadStrings(document.RootElement);
            return document;
        }
        catch (InvalidOperationException)
        {
            document?.Dispose();
            throw new JsonException("A string escapes a lone surrogate (such as \\ud800), which is not text.");
        }
    }

    // GetString throws InvalidOperationException for a string that escapes a lone surrogate. Valid UTF-8 cannot hold a
    // lone surrogate unescaped, so only strings with an escape are read (a batch of events holds thousands of strings).
    private static void ReadStrings(JsonElement element, bool checkDuplicates = false)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                if (JsonMarshal.GetRawUtf8Value(element).Contains((byte)'\\'))
                {
                    element.GetString();
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    ReadStrings(item, checkDuplicates);
                }

                break;
            case JsonValueKind.Object:
                var names = checkDuplicates ? new HashSet<string>(StringComparer.Ordinal) : null;
                foreach (var property in element.EnumerateObject())
                {
                    // A key is read like a value: only one with an escape can hold a lone surrogate.
                    var name = names is not null || JsonMarshal.GetRawUtf8PropertyName(property).Contains((byte)'\\') ? property.Name : null;
                    if (names?.Add(name!) == false)
                    {
                        throw new JsonException($"The key '{name}' is given twice in one object.");
                    }

                    ReadStrings(property.Value, checkDuplicates);
                }

                break;
        }
    }
}
