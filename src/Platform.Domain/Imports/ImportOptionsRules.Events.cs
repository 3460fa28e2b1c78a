using System.Globalization;
using Platform.Domain.Errors;
using Platform.Domain.Events;

namespace Platform.Domain.Imports;

/// <summary>The rules of an events file in a shape of its own (options.events).</summary>
public static partial class ImportOptionsRules
{
    private static void ValidateEvents(EventFileMapping mapping, List<Violation> violations)
    {
        ValidateFields("options.events.fields", mapping.Fields ?? [], EventFileMapping.MappableFields, violations);

        foreach (var (constant, index) in (mapping.Constants ?? []).Select((c, i) => (c, i)))
        {
            if (!RowMappers.EventColumns.Contains(constant.Field) || constant.Field == "eventId")
            {
                violations.Add(new($"options.events.constants[{index}].field", "not_allowed", $"options.events.constants[{index}].field must be an event field other than eventId."));
            }

            if (string.IsNullOrWhiteSpace(constant.Value))
            {
                violations.Add(new($"options.events.constants[{index}].value", "required", $"options.events.constants[{index}].value is required."));
            }
            else if (constant.Field == "type" && !EventTypeNames.TryParse(constant.Value, out _) && !(mapping.Types ?? []).Any(t => t.Value.Trim() == constant.Value.Trim()))
            {
                violations.Add(new($"options.events.constants[{index}].value", "unknown_type", $"options.events.constants[{index}].value must be an event type such as PURCHASE, or a value options.events.types maps."));
            }
        }

        if ((mapping.Constants ?? []).DistinctBy(c => c.Field).Count() != (mapping.Constants ?? []).Count)
        {
            violations.Add(new("options.events.constants", "duplicate", "options.events.constants gives each field once."));
        }

        var types = mapping.Types ?? [];
        if (types.Count > EventFileMapping.MaxTypes)
        {
            violations.Add(new("options.events.types", "too_many", $"options.events.types lists at most {EventFileMapping.MaxTypes} values."));
        }

        foreach (var (type, index) in types.Select((t, i) => (t, i)))
        {
            if (!EventTypeNames.TryParse(type.Type, out _))
            {
                violations.Add(new($"options.events.types[{index}].type", "unknown_type", $"options.events.types[{index}].type must be one of {string.Join(", ", EventTypeNames.All.Order(StringComparer.Ordinal))}."));
            }
        }

        if (types.DistinctBy(t => t.Value.Trim()).Count() != types.Count || types.Any(t => string.IsNullOrWhiteSpace(t.Value)))
        {
            violations.Add(new("options.events.types", "duplicate", "options.events.types gives each value of the type column once, and none blank."));
        }

        if (mapping.TimeFormat is { } format && !IsTimeFormat(format))
        {
            violations.Add(new("options.events.timeFormat", "format",
                $"options.events.timeFormat is {EventFileMapping.Iso8601} (the default), {EventFileMapping.UnixSeconds}, {EventFileMapping.UnixMilliseconds} or a .NET date pattern such as 'M/d/yyyy H:mm'."));
        }

        if (mapping.RatingScale is { } scale && (scale.Min >= scale.Max || Math.Abs(scale.Min) > RatingScale.MaxMagnitude || Math.Abs(scale.Max) > RatingScale.MaxMagnitude))
        {
            violations.Add(new("options.events.ratingScale", "out_of_range",
                $"options.events.ratingScale needs min below max, both between -{RatingScale.MaxMagnitude:0} and {RatingScale.MaxMagnitude:0}."));
        }

        if (mapping.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            violations.Add(new("options.events.timeZone", "unknown_time_zone", $"options.events.timeZone '{zone}' is not an IANA time zone such as Europe/London."));
        }
        else if (mapping.TimeZone is not null && (EventFileMapping.IsNamed(mapping.TimeFormat) || EventRowTranslator.HasOffset(mapping.TimeFormat!)))
        {
            violations.Add(new("options.events.timeZone", "not_used", "options.events.timeZone applies to a date pattern without an offset; these times state their own."));
        }
    }

    // A named format, or a .NET date pattern of .NET's letters only that reads a year, a month and a day, and reads back what it writes.
    private static bool IsTimeFormat(string format)
    {
        if (EventFileMapping.IsNamed(format))
        {
            return true;
        }

        var letters = EventFileMapping.PatternLetters(format).ToHashSet();
        if (!letters.IsSubsetOf(EventFileMapping.DateLetters) || !letters.IsSupersetOf("yMd"))
        {
            return false;
        }

        try
        {
            var sample = new DateTime(2026, 11, 27, 10, 15, 0);
            return DateTime.TryParseExact(sample.ToString(format, CultureInfo.InvariantCulture), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var read)
                && read.Date == sample.Date;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
