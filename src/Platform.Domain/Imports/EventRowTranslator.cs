using System.Globalization;
using Platform.Domain.Errors;
using Platform.Domain.Events;

namespace Platform.Domain.Imports;

/// <summary>
/// Turns a row of an events file in a shape of its own (<see cref="EventFileMapping"/>) into the columns the events
/// import reads: mapped columns take their field's name, constants fill what the row lacks, type values become their
/// event type, ratings on a scale of the file's own move onto the platform's, times become ISO-8601 in UTC, moved by the
/// shift when there is one. A row without an event id gets one
/// from its own cells (after the missing-value policies, before this translation), so that importing the file again, at
/// another time and so with another shift, stores nothing twice.
/// </summary>
public sealed class EventRowTranslator
{
    private static readonly DateTimeOffset Earliest = new(1, 1, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest9999 = new(9999, 12, 30, 0, 0, 0, TimeSpan.Zero);

    private readonly EventFileMapping mapping;
    private readonly ColumnRenaming columns;
    private readonly Dictionary<string, string> typeOf;
    private readonly TimeZoneInfo zone;
    private TimeSpan shift;

    public EventRowTranslator(EventFileMapping mapping)
    {
        this.mapping = mapping;
        columns = new ColumnRenaming(mapping.Fields, EventFileMapping.MappableFields);
        typeOf = (mapping.Types ?? []).ToDictionary(t => t.Value.Trim(), t => t.Type, StringComparer.Ordinal);
        zone = mapping.TimeZone is { } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Utc;
    }

    /// <summary>The latest event time of the rows <see cref="Observe"/> has seen.</summary>
    public DateTimeOffset? Latest { get; private set; }

    /// <summary>The header as the events import reads it.</summary>
    public IReadOnlyList<string> Fields(IReadOnlyList<string> header) =>
        columns.Fields(header).Concat((mapping.Constants ?? []).Select(c => c.Field)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Columns of the header no field is read from: named like a field another column is mapped to.</summary>
    public IReadOnlyList<string> Shadowed(IReadOnlyList<string> header) => columns.Shadowed(header);

    /// <summary>First pass, with <see cref="EventFileMapping.ShiftToNow"/>: notes a row's time (its cells after the missing-value policies).</summary>
    public void Observe(IReadOnlyDictionary<string, string?> cells)
    {
        if (mapping.ShiftToNow && Cell(Renamed(cells), "occurredAt") is { } written && Time(written) is { } time && (Latest is null || time > Latest))
        {
            Latest = time;
        }
    }

    /// <summary>With <see cref="EventFileMapping.ShiftToNow"/>, every time moves by <paramref name="now"/> − <see cref="Latest"/>.</summary>
    public void ShiftTo(DateTimeOffset now)
    {
        if (mapping.ShiftToNow)
        {
            shift = now - (Latest ?? throw new ImportMappingException(
                $"options.events.shiftToNow needs the file's latest time, and no row has an occurredAt written as {Described()}."));
        }
    }

    public RowOutcome Translate(IReadOnlyDictionary<string, string?> cells)
    {
        var translated = Renamed(cells);
        if (Cell(translated, "eventId") is null)
        {
            translated["eventId"] = RowMappers.ContentId(cells);
        }

        if (Cell(translated, "amount") is null && Cell(translated, EventFileMapping.UnitPrice) is { } unitPrice)
        {
            if (Amount(unitPrice, Cell(translated, "quantity")) is not { } amount)
            {
                return new RowOutcome(null, false, [new Violation(EventFileMapping.UnitPrice, "not_numeric",
                    $"unitPrice '{FreeText.Shorten(unitPrice, 40)}' and quantity make no amount: a number, times a whole quantity (1 when there is none).")]);
            }

            translated["amount"] = amount.ToString(CultureInfo.InvariantCulture);
        }

        if (Cell(translated, "type") is { } type && typeOf.TryGetValue(type.Trim(), out var wire))
        {
            translated["type"] = wire;
        }

        if (mapping.RatingScale is { } scale && Cell(translated, "rating") is { } rating
            && decimal.TryParse(rating.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var onFileScale)) // not a number: the event rules say so
        {
            if (onFileScale < scale.Min || onFileScale > scale.Max)
            {
                return Rejected("rating", "out_of_range", $"rating {FreeText.Shorten(rating.Trim(), 40)} is outside the file's scale, {scale.Min.ToString(CultureInfo.InvariantCulture)} to {scale.Max.ToString(CultureInfo.InvariantCulture)} (options.events.ratingScale).");
            }

            translated["rating"] = scale.OnPlatformScale(onFileScale).ToString(CultureInfo.InvariantCulture);
        }

        if (Cell(translated, "occurredAt") is { } written && (!EventFileMapping.IsIso(mapping.TimeFormat) || mapping.ShiftToNow))
        {
            if (Time(written) is not { } time)
            {
                return Rejected("occurredAt", "format", $"occurredAt '{FreeText.Shorten(written, 40)}' is not a time written as {Described()}.");
            }

            var ticks = time.UtcTicks + shift.Ticks;
            if (ticks < Earliest.UtcTicks || ticks > Latest9999.UtcTicks)
            {
                return Rejected("occurredAt", "out_of_range", $"occurredAt '{FreeText.Shorten(written, 40)}' moved by the shift to now falls outside the years 1 to 9999.");
            }

            translated["occurredAt"] = new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        }

        return new RowOutcome(translated, false, []);
    }

    // A line's amount from its unit price: price × quantity, 1 unit when the row has no quantity.
    private static decimal? Amount(string unitPrice, string? quantity)
    {
        var units = quantity is null ? 1 : CellReader.WholeNumber(quantity.Trim());
        return decimal.TryParse(unitPrice.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var price) && units is { } whole
            ? Product(price, whole)
            : null;
    }

    // A product too large for a decimal is no amount (it would throw and fail the whole import).
    private static decimal? Product(decimal a, decimal b)
    {
        try
        {
            return a * b;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Whether a time pattern states its own offset ('z' or 'K' outside quotes), so that no time zone applies.</summary>
    public static bool HasOffset(string pattern) => EventFileMapping.PatternLetters(pattern).Any(c => c is 'z' or 'K');

    // The cells under the fields' names, constants filling what the row lacks.
    private Dictionary<string, string?> Renamed(IReadOnlyDictionary<string, string?> cells)
    {
        var renamed = columns.Rename(cells);
        foreach (var constant in mapping.Constants ?? [])
        {
            if (Cell(renamed, constant.Field) is null)
            {
                renamed[constant.Field] = constant.Value;
            }
        }

        return renamed;
    }

    private DateTimeOffset? Time(string written)
    {
        var text = written.Trim();
        switch (mapping.TimeFormat ?? EventFileMapping.Iso8601)
        {
            case EventFileMapping.Iso8601:
                return EventValidator.TryParseTimestamp(text); // as the API reads it, shifted or not
            case EventFileMapping.UnixSeconds or EventFileMapping.UnixMilliseconds:
                var perSecond = mapping.TimeFormat == EventFileMapping.UnixSeconds ? 1000m : 1m;
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var count)
                    && Product(count, perSecond) is { } milliseconds && milliseconds >= -62_135_596_800_000m && milliseconds <= 253_402_300_799_000m
                    ? DateTimeOffset.UnixEpoch.AddTicks((long)(milliseconds * TimeSpan.TicksPerMillisecond))
                    : null;
            case var pattern when HasOffset(pattern):
                return DateTimeOffset.TryParseExact(text, pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stated) ? stated : null;
            case var pattern:
                if (!DateTime.TryParseExact(text, pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                {
                    return null;
                }

                try
                {
                    // An hour the clocks repeat (daylight saving ending) is read as standard time, as TimeZoneInfo does.
                    return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
                }
                catch (ArgumentException)
                {
                    return null; // an hour the clocks skipped (daylight saving starting)
                }
        }
    }

    private string Described() => mapping.TimeFormat switch
    {
        null or EventFileMapping.Iso8601 => "ISO-8601 with an offset",
        EventFileMapping.UnixSeconds => "seconds since 1970-01-01 UTC",
        EventFileMapping.UnixMilliseconds => "milliseconds since 1970-01-01 UTC",
        var pattern => $"'{pattern}'",
    };

    private static RowOutcome Rejected(string field, string rule, string message) => new(null, false, [new Violation(field, rule, message)]);

    private static string? Cell(IReadOnlyDictionary<string, string?> cells, string field) =>
        cells.TryGetValue(field, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}

/// <summary>An events mapping the file cannot follow (no time to shift by): the import fails with this reason.</summary>
public sealed class ImportMappingException(string message) : Exception(message);
