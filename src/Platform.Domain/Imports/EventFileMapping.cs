using Platform.Domain.Events;

namespace Platform.Domain.Imports;

/// <summary>
/// How an events file in a shape of its own becomes events (docs/imports.md#events-files-in-other-shapes): which column
/// holds each event field, the value of a field the file has no column for (an orders file's type, its currency), which
/// values of the type column are which event type, how its times are written, and whether
/// the whole history moves so that its latest event falls at the import's start (a public log years old would otherwise
/// fall outside the tenant's horizon), and the scale its ratings are on when it is not the platform's.
/// </summary>
public sealed record EventFileMapping(
    IReadOnlyList<FieldColumn>? Fields = null,
    IReadOnlyList<TypeValue>? Types = null,
    string? TimeFormat = null,
    string? TimeZone = null,
    bool ShiftToNow = false,
    IReadOnlyList<FieldValue>? Constants = null,
    RatingScale? RatingScale = null)
{
    public const string Iso8601 = "ISO_8601";
    public const string UnixSeconds = "UNIX_SECONDS";
    public const string UnixMilliseconds = "UNIX_MILLISECONDS";
    public const int MaxTypes = 100;

    /// <summary>A field of files only: the price of one unit, which makes a row's amount (× its quantity, 1 when it has none).</summary>
    public const string UnitPrice = "unitPrice";

    /// <summary>What <see cref="Fields"/> may name: the event fields and <see cref="UnitPrice"/>.</summary>
    public static IReadOnlyList<string> MappableFields { get; } = [.. RowMappers.EventColumns, UnitPrice];

    /// <summary>The letters a .NET date pattern reads as fields; any other unquoted letter is refused (a Java 'SSS' or 'a').</summary>
    public const string DateLetters = "dfFghHKmMstyz";

    public static bool IsIso(string? format) => format is null or Iso8601;

    public static bool IsNamed(string? format) => format is null or Iso8601 or UnixSeconds or UnixMilliseconds;

    /// <summary>A date pattern's letters outside quotes ('…', "…") and escapes (\x): what .NET reads as fields.</summary>
    public static IEnumerable<char> PatternLetters(string pattern)
    {
        char? quote = null;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '\\')
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (char.IsAsciiLetter(c))
            {
                yield return c;
            }
        }
    }
}

/// <summary>The file's column that holds an event field (one of <see cref="RowMappers.EventColumns"/>).</summary>
public sealed record FieldColumn(string Field, string Column);

/// <summary>The value of an event field for every row whose file has no column (or an empty cell) for it.</summary>
public sealed record FieldValue(string Field, string Value);

/// <summary>A value of the type column and the event type it stands for (a wire name such as PURCHASE).</summary>
public sealed record TypeValue(string Value, string Type);

/// <summary>
/// The scale a file's ratings are on (1 to 10, −10 to 10), mapped onto the platform's 0.5 to 5 in a straight line and
/// rounded to one decimal: 1–10 becomes half stars exactly. A rating outside it is rejected.
/// </summary>
public sealed record RatingScale(decimal Min, decimal Max)
{
    /// <summary>The largest magnitude of either end: the scales of ratings, not of amounts.</summary>
    public const decimal MaxMagnitude = 1_000_000m;

    public decimal OnPlatformScale(decimal rating) =>
        Math.Round(EventRules.MinRating + (rating - Min) * (EventRules.MaxRating - EventRules.MinRating) / (Max - Min), EventRules.MaxRatingDecimals, MidpointRounding.AwayFromZero);
}
