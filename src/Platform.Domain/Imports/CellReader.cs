using Platform.Domain.Errors;
using System.Globalization;
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

    public int? Integer(string field) => Parse<int>(field, "not_integer", "a whole number",
        text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (int?)null);

    public decimal? Decimal(string field) => Parse<decimal>(field, "not_numeric", "a number",
        text => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : (decimal?)null);

    public double? Double(string field) => Parse<double>(field, "not_numeric", "a number",
        text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : (double?)null);

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
        _ => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : (int?)null,
    });

    /// <summary>A list in one cell, separated by ';' or '|'.</summary>
    public List<string>? List(string field) =>
        Text(field)?.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

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
            Violations.Add(new(field, rule, $"{field} must be {expected}, not '{(text.Length > 40 ? text[..40] + "…" : text)}'."));
        }

        return value;
    }
}
