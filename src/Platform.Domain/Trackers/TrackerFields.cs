using System.Globalization;
using System.Text.Json;
using Platform.Domain.Errors;

namespace Platform.Domain.Trackers;

/// <summary>
/// Reads a tracker message's fields the way tracking libraries send them: ids and texts as strings or numbers, numbers as
/// numbers or numeric strings. A value of another kind is a violation naming its path; an absent or null one is null.
/// </summary>
internal sealed class TrackerFields(List<Violation> violations)
{
    public string? Text(JsonElement parent, string name, string path) => TryGet(parent, name, out var value) ? Text(value, path) : null;

    public string? Text(JsonElement value, string path) =>
        value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Null => null,
            _ => Wrong(path, "a string"),
        };

    public decimal? Decimal(JsonElement parent, string name, string path) => TryGet(parent, name, out var value) ? Decimal(value, path) : null;

    public decimal? Decimal(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        Wrong(path, "a number");
        return null;
    }

    /// <summary>A whole number; a fraction is refused rather than rounded.</summary>
    public int? Integer(JsonElement parent, string name, string path)
    {
        var number = Decimal(parent, name, path);
        if (number is not { } value)
        {
            return null;
        }

        if (value != decimal.Truncate(value) || value < int.MinValue || value > int.MaxValue)
        {
            violations.Add(new(path, "format", $"{path} must be a whole number."));
            return null;
        }

        return (int)value;
    }

    public JsonElement? Object(JsonElement parent, string name, string path)
    {
        if (!TryGet(parent, name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return value;
        }

        Wrong(path, "an object");
        return null;
    }

    public IReadOnlyList<JsonElement>? Array(JsonElement parent, string name, string path)
    {
        if (!TryGet(parent, name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            return value.EnumerateArray().ToList();
        }

        Wrong(path, "an array");
        return null;
    }

    /// <summary>An ISO-8601 timestamp with an offset (what JSON.stringify makes of a Date).</summary>
    public DateTimeOffset? Timestamp(JsonElement parent, string name, string path)
    {
        var text = Text(parent, name, path);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            && (text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > 10))
        {
            return at;
        }

        violations.Add(new(path, "format", $"{path} must be an ISO-8601 timestamp with a UTC offset, e.g. 2026-11-27T10:15:00.000Z."));
        return null;
    }

    public void Refuse(string path, string rule, string message) => violations.Add(new(path, rule, message));

    private static bool TryGet(JsonElement parent, string name, out JsonElement value) =>
        parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private string? Wrong(string path, string kind)
    {
        violations.Add(new(path, "format", $"{path} must be {kind}."));
        return null;
    }
}
