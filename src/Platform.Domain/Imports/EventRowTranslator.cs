using System.Globalization;
using Platform.Domain.Errors;

namespace Platform.Domain.Imports;

/// <summary>
/// Turns a row of an events file in a shape of its own (<see cref="EventFileMapping"/>) into the columns the events
/// import reads: mapped columns take their field's name, type values their event type, times become ISO-8601 in UTC,
/// moved by the shift when there is one. A row without an event id gets one from its own cells as the file has them, so
/// that importing the file again (at another time, with another shift) stores nothing twice.
/// </summary>
public sealed class EventRowTranslator
{
    private readonly EventFileMapping mapping;
    private readonly Dictionary<string, string> fieldOf;
    private readonly HashSet<string> mappedFields;
    private readonly Dictionary<string, string> typeOf;
    private readonly TimeZoneInfo zone;
    private readonly string timeColumn;
    private TimeSpan shift;

    public EventRowTranslator(EventFileMapping mapping)
    {
        this.mapping = mapping;
        fieldOf = (mapping.Fields ?? []).ToDictionary(f => f.Column, f => f.Field, StringComparer.Ordinal);
        mappedFields = (mapping.Fields ?? []).Select(f => f.Field).ToHashSet(StringComparer.Ordinal);
        typeOf = (mapping.Types ?? []).ToDictionary(t => t.Value, t => t.Type, StringComparer.Ordinal);
        zone = mapping.TimeZone is { } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Utc;
        timeColumn = (mapping.Fields ?? []).FirstOrDefault(f => f.Field == "occurredAt")?.Column ?? "occurredAt";
    }

    /// <summary>The file's latest event time, once <see cref="Observe"/> has seen every row.</summary>
    public DateTimeOffset? Latest { get; private set; }

    /// <summary>The header as the events import reads it.</summary>
    public IReadOnlyList<string> Fields(IReadOnlyList<string> header) =>
        header.Select(FieldOf).OfType<string>().Concat((mapping.Constants ?? []).Select(c => c.Field)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>First pass, with <see cref="EventFileMapping.ShiftToNow"/>: notes each row's time.</summary>
    public void Observe(IReadOnlyDictionary<string, string?> cells)
    {
        if (mapping.ShiftToNow && Time(Cell(cells, timeColumn)) is { } time && (Latest is null || time > Latest))
        {
            Latest = time;
        }
    }

    /// <summary>With <see cref="EventFileMapping.ShiftToNow"/>, every time moves by <paramref name="now"/> − <see cref="Latest"/>.</summary>
    public void ShiftTo(DateTimeOffset now) => shift = mapping.ShiftToNow && Latest is { } latest ? now - latest : TimeSpan.Zero;

    public RowOutcome Translate(IReadOnlyDictionary<string, string?> cells)
    {
        var translated = new Dictionary<string, string?>(cells.Count + 1, StringComparer.Ordinal);
        foreach (var (column, value) in cells)
        {
            if (FieldOf(column) is { } field)
            {
                translated[field] = value;
            }
        }

        foreach (var constant in mapping.Constants ?? [])
        {
            if (Cell(translated, constant.Field) is null)
            {
                translated[constant.Field] = constant.Value;
            }
        }

        if (!translated.ContainsKey("eventId"))
        {
            translated["eventId"] = RowMappers.ContentId(cells);
        }

        if (translated.GetValueOrDefault("type") is { } type && typeOf.TryGetValue(type.Trim(), out var wire))
        {
            translated["type"] = wire;
        }

        if (Cell(translated, "occurredAt") is { } written && (mapping.TimeFormat is not (null or EventFileMapping.Iso8601) || shift != TimeSpan.Zero))
        {
            if (Time(written) is not { } time)
            {
                return new RowOutcome(null, false, [new Violation("occurredAt", "format", $"occurredAt '{Shorten(written)}' is not a time written as {Described()}.")]);
            }

            translated["occurredAt"] = (time + shift).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        }

        return new RowOutcome(translated, false, []);
    }

    // A mapped column's field; an unmapped column is read by its name as the import reads it (occurred_at is occurredAt),
    // unless a mapping gives that field to another column.
    private string? FieldOf(string column)
    {
        if (fieldOf.TryGetValue(column, out var field))
        {
            return field;
        }

        var named = EventFields.GetValueOrDefault(CellReader.Normalize(column), column);
        return mappedFields.Contains(named) ? null : named;
    }

    private static readonly Dictionary<string, string> EventFields = RowMappers.EventColumns.ToDictionary(CellReader.Normalize, c => c, StringComparer.Ordinal);

    private DateTimeOffset? Time(string? written)
    {
        if (written is null)
        {
            return null;
        }

        var text = written.Trim();
        switch (mapping.TimeFormat ?? EventFileMapping.Iso8601)
        {
            case EventFileMapping.Iso8601:
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso) ? iso : null;
            case EventFileMapping.UnixSeconds or EventFileMapping.UnixMilliseconds:
                var perSecond = mapping.TimeFormat == EventFileMapping.UnixSeconds ? 1000 : 1;
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var count)
                    && Math.Abs(count * perSecond) < 253_402_300_799_000 // year 9999
                    ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(count * perSecond))
                    : null;
            case var pattern when HasOffset(pattern):
                return DateTimeOffset.TryParseExact(text, pattern, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var stated) ? stated : null;
            case var pattern:
                if (!DateTime.TryParseExact(text, pattern, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
                {
                    return null;
                }

                try
                {
                    return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
                }
                catch (ArgumentException)
                {
                    return null; // a local time the clocks skipped (the hour lost to daylight saving)
                }
        }
    }

    /// <summary>Whether a time pattern states its own offset ('z' or 'K'), so that no time zone applies.</summary>
    public static bool HasOffset(string pattern) => pattern.Contains('z', StringComparison.Ordinal) || pattern.Contains('K', StringComparison.Ordinal);

    private string Described() => mapping.TimeFormat switch
    {
        null or EventFileMapping.Iso8601 => "ISO-8601",
        EventFileMapping.UnixSeconds => "seconds since 1970-01-01 UTC",
        EventFileMapping.UnixMilliseconds => "milliseconds since 1970-01-01 UTC",
        var pattern => $"'{pattern}'",
    };

    private static string? Cell(IReadOnlyDictionary<string, string?> cells, string column) =>
        cells.TryGetValue(column, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
