using Platform.Domain.Errors;
using System.Globalization;
using System.Text.Json;
using Platform.Domain.Events;

namespace Platform.Domain.Imports;

/// <summary>
/// Reads typed values from a cleaned row by field name, matching columns case-insensitively and ignoring
/// '_' and spaces (user_id, userId and "User Id" are the same column). A value of the wrong type is a
/// violation, never a guess.
/// </summary>
public sealed class CellReader
{
    private readonly Dictionary<string, string?> byField;

    public CellReader(IReadOnlyDictionary<string, string?> cells)
    {
        byField = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (column, value) in cells)
        {
            byField.TryAdd(Normalize(column), value);
        }
    }

    public List<Violation> Violations { get; } = [];

    public static string Normalize(string column) =>
        new(column.Where(c => c != '_' && c != ' ' && c != '-').Select(char.ToLowerInvariant).ToArray());

    public bool Has(string field) => byField.ContainsKey(Normalize(field));

    public string? Text(string field) => byField.GetValueOrDefault(Normalize(field));

    /// <summary>A whole number, also when written with a zero fraction ("2.0", as spreadsheet and dataframe exports write them).</summary>
    public int? Integer(string field) => Parse<int>(field, "not_integer", "a whole number", WholeNumber);

    public decimal? Decimal(string field) => Parse<decimal>(field, "not_numeric", "a number",
        text => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : (decimal?)null);

    /// <summary>
    /// An event's amount. A number printed from binary floating point (15 significant digits or more, such as
    /// 22.200000000000003, as dataframe exports write sums) is rounded to the log's decimals: its digits past them are
    /// the float's noise, not money. A short number keeps every decimal (and more than the log keeps is refused).
    /// </summary>
    public decimal? Amount(string field)
    {
        if (Decimal(field) is not { } value)
        {
            return null;
        }

        var rounded = decimal.Round(value, EventRules.MaxAmountDecimals, MidpointRounding.AwayFromZero);
        return rounded != value && SignificantDigits(Text(field)!) >= FloatPrintDigits ? rounded : value;
    }

    private const int FloatPrintDigits = 15;

    private static int SignificantDigits(string number)
    {
        var mantissa = number.Trim().Split('e', 'E')[0];
        return mantissa.Where(char.IsAsciiDigit).SkipWhile(c => c == '0').Count();
    }

    public double? Double(string field) => Parse<double>(field, "not_numeric", "a number",
        text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : (double?)null);

    /// <summary>A whole number, as written or with a zero fraction ("2.0").</summary>
    public static int? WholeNumber(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number == decimal.Truncate(number)
            && number >= int.MinValue && number <= int.MaxValue ? (int)number
        : null;

    /// <summary>1/0, true/false, yes/no.</summary>
    public bool? Flag(string field) => Parse<bool>(field, "not_boolean", "1/0, true/false or yes/no", text => text.ToLowerInvariant() switch
    {
        "1" or "true" or "yes" => true,
        "0" or "false" or "no" => false,
        _ => (bool?)null,
    });

    /// <summary>A count of events (orders in a window): a whole number ≥ 0; a 1/0, true/false or yes/no flag counts as 1 or 0.</summary>
    public int? Count(string field) => Parse<int>(field, "not_count", "a whole number ≥ 0 or a yes/no flag", text => text.ToLowerInvariant() switch
    {
        "true" or "yes" => 1,
        "false" or "no" => 0,
        _ => WholeNumber(text) is >= 0 and var value ? value : null,
    });

    /// <summary>A list in one cell, separated by ';' or '|'.</summary>
    public List<string>? List(string field) =>
        Text(field)?.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>
    /// A JSON object of names and values in one cell (<c>{"channel":"EMAIL","order":"A-1"}</c>), as an event's
    /// properties: strings as they are, numbers and true/false as their JSON text; every value is checked, and a repeated
    /// name keeps its last value.
    /// The names and values are then held to the API's rules (<see cref="EventValidator"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Properties(string field)
    {
        var text = Text(field);
        if (text is null)
        {
            return null;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            root = default; // Undefined: refused below, as arrays and plain values are
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            Violations.Add(new(field, "not_json_object", $"{field} must be a JSON object of names and values, e.g. {{\"channel\":\"EMAIL\"}}, not '{Shorten(text)}'."));
            return null;
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (NameOf(property) is not { } name)
            {
                Violations.Add(new(field, "format", $"the names in {field} must be Unicode text (one holds an escaped lone surrogate)."));
                continue;
            }

            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String when TextOf(property.Value) is { } value:
                    properties[name] = value;
                    break;
                case JsonValueKind.String:
                    Violations.Add(new($"{field}.{Shorten(name)}", "format", $"a value in {field} must be Unicode text (it holds an escaped lone surrogate)."));
                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    properties[name] = property.Value.GetRawText();
                    break;
                default:
                    Violations.Add(new($"{field}.{Shorten(name)}", "not_scalar", $"a value in {field} must be a string, a number, true or false."));
                    break;
            }
        }

        return properties;
    }

    // JSON may escape a lone surrogate ("\ud800"), which no .NET string can hold: reading it throws.
    private static string? TextOf(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => FreeText.Shorten(text, 40);

    private T? Parse<T>(string field, string rule, string expected, Func<string, T?> parse)
        where T : struct
    {
        var text = Text(field);
        if (text is null)
        {
            return null;
        }

        var value = parse(text);
        if (value is null)
        {
            Violations.Add(new(field, rule, $"{field} must be {expected}, not '{Shorten(text)}'."));
        }

        return value;
    }
}
