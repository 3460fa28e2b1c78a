using System.Text;
using System.Text.Json;
using Platform.Domain.Campaigns;
using Platform.Domain.Modeling;
using Platform.Storage.Database;

namespace Platform.Storage.Audiences;

/// <summary>
/// Reads the features stored with projection rows (<c>{"name": number, …}</c>) for a whole audience, aged to now as
/// each value is read, into the dictionary the user's other features then join: each name is allocated once per reader,
/// not once per user, and each user's dictionary is sized from the one before. A forecast reads 100,000 of them; a
/// general-purpose deserializer spent most of its time growing dictionaries and copying names; a second dictionary per
/// user to merge into was a sixth of what the read allocated, and the column as a string another seventh.
/// </summary>
public sealed class FeatureJsonReader
{
    private const int LongestPooledName = 256;
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
    private readonly JsonText.Reading<Dictionary<string, FeatureValue>> readObject;
    private int lastCount = 16;
    private FeatureAging aging;
    private int room;
    private byte[] buffer = new byte[4096];

    public FeatureJsonReader() => readObject = ReadObject;

    /// <summary>
    /// The features of one row, each aged by <paramref name="aging"/>, in a dictionary with room for
    /// <paramref name="room"/> more; a repeated name keeps its last value, as a JSON object's reader does.
    /// </summary>
    public Dictionary<string, FeatureValue> Read(string json, FeatureAging aging = default, int room = 0) =>
        Read(Encoding.UTF8.GetBytes(json), aging, room);

    /// <summary>
    /// <see cref="Read(string, FeatureAging, int)"/> from the UTF-8 text of a json column as the database sent it
    /// (<c>NpgsqlDataReader.GetStream</c>), without a string in between: the rest of a stream that knows its length.
    /// </summary>
    public Dictionary<string, FeatureValue> Read(Stream utf8Json, FeatureAging aging = default, int room = 0)
    {
        var length = checked((int)(utf8Json.Length - utf8Json.Position));
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, 2 * buffer.Length)];
        }

        utf8Json.ReadExactly(buffer, 0, length);
        return Read(buffer.AsSpan(0, length), aging, room);
    }

    private Dictionary<string, FeatureValue> Read(ReadOnlySpan<byte> utf8Json, FeatureAging aging, int room)
    {
        (this.aging, this.room) = (aging, room);
        return JsonText.ReadObject(utf8Json, readObject);
    }

    private Dictionary<string, FeatureValue> ReadObject(ref Utf8JsonReader reader)
    {
        var features = new Dictionary<string, FeatureValue>(lastCount + room, StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref reader);
            reader.Read();
            features[name] = FeatureValue.Of(aging.Apply(name, reader.GetDouble()));
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
