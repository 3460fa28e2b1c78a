using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Platform.Storage.Database;

/// <summary>
/// Reads a JSON object that Npgsql gave as a string (through a pooled UTF-8 buffer) or as UTF-8 bytes with a
/// <see cref="Utf8JsonReader"/>: for columns read once per user of an audience, where a <see cref="JsonDocument"/> or
/// a deserializer cost more than the rest of the row.
/// </summary>
internal static class JsonText
{
    public delegate T Reading<out T>(ref Utf8JsonReader reader);

    /// <summary><see cref="ReadObject{T}(ReadOnlySpan{byte}, Reading{T})"/> of a string's UTF-8 bytes.</summary>
    public static T ReadObject<T>(string json, Reading<T> read)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            return ReadObject(buffer.AsSpan(0, Encoding.UTF8.GetBytes(json, buffer)), read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Positions the reader on the object's start and hands it to <paramref name="read"/>; anything but an object is a <see cref="JsonException"/>.</summary>
    public static T ReadObject<T>(ReadOnlySpan<byte> utf8Json, Reading<T> read)
    {
        var reader = new Utf8JsonReader(utf8Json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Stored JSON is not an object.");
        }

        return read(ref reader);
    }
}
