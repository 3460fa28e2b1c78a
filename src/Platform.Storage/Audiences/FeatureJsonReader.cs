using System.Text.Json;
using Platform.Storage.Database;

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
    private readonly JsonText.Reading<Dictionary<string, double>> readObject;
    private int lastCount = 16;

    public FeatureJsonReader() => readObject = ReadObject;

    /// <summary>The features of one row; a repeated name keeps its last value, as a JSON object's reader does.</summary>
    public Dictionary<string, double> Read(string json) => JsonText.ReadObject(json, readObject);

    private Dictionary<string, double> ReadObject(ref Utf8JsonReader reader)
    {
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

    private string Name(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueSpan.Length > LongestPooledName)
        {
            return reader.GetString()!;
        }

        Span<char> chars = stackalloc char[LongestPooledName];
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
