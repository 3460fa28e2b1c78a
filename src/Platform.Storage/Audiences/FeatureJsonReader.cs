using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Platform.Storage.Audiences;

/// <summary>
/// Reads the features stored with projection rows (<c>{"name": number, …}</c>) for a whole audience: each name is
/// allocated once per reader, not once per user, and each user's dictionary is sized from the one before. A forecast
/// reads 100,000 of them; a general-purpose deserializer spent most of its time growing dictionaries and copying names.
/// </summary>
public sealed class FeatureJsonReader
{
    private const int LongestPooledName = 256;
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
    private int lastCount = 16;

    /// <summary>The features of one row; a repeated name keeps its last value, as a JSON object's reader does.</summary>
    public Dictionary<string, double> Read(string json)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(0, Encoding.UTF8.GetBytes(json, buffer)));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("Stored features are not a JSON object.");
            }

            var features = new Dictionary<string, double>(lastCount, StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = Name(ref reader);
                reader.Read();
                features[name] = reader.GetDouble();
            }

            lastCount = features.Count;
            return features;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private string Name(ref Utf8JsonReader reader)
    {
        Span<char> chars = stackalloc char[LongestPooledName];
        if (reader.HasValueSequence || reader.ValueSpan.Length > LongestPooledName)
        {
            return reader.GetString()!;
        }

        var name = chars[..reader.CopyString(chars)];
        var lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(name, out var known))
        {
            known = new string(name);
            names.Add(known, known);
        }

        return known;
    }
}
