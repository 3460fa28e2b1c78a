using System.Globalization;

namespace Platform.Domain.Imports;

/// <summary>What a first pass over a file learns about one column: for imputation and for typing features.</summary>
public sealed class ColumnStatistics
{
    private readonly Dictionary<string, long> texts = new(StringComparer.Ordinal);
    private double sum;

    public long Present { get; private set; }

    public long Numbers { get; private set; }

    /// <summary>Numbers without a fractional part.</summary>
    public long WholeNumbers { get; private set; }

    /// <summary>Every present value parses as a number.</summary>
    public bool IsNumeric => Present > 0 && Numbers == Present;

    public double? Mean => Numbers > 0 ? sum / Numbers : null;

    public string? Mode => texts.Count == 0 ? null : texts.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).First().Key;

    /// <summary>How often a value occurred (exact for the first 10000 distinct values).</summary>
    public long Count(string value) => texts.GetValueOrDefault(value);

    public void Add(string? value)
    {
        if (value is null)
        {
            return;
        }

        Present++;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            Numbers++;
            sum += number;
            if (number == Math.Floor(number))
            {
                WholeNumbers++;
            }
        }

        if (texts.Count < 10_000 || texts.ContainsKey(value))
        {
            texts[value] = texts.GetValueOrDefault(value) + 1;
        }
    }

    /// <summary>
    /// The value imputed for an empty cell: when most values are numbers, their mean (rounded when every number
    /// is whole, so a count stays a count; the odd non-number is rejected by the column's type), else the most
    /// frequent text.
    /// </summary>
    public string? Imputed => Numbers * 2 <= Present ? Mode
        : WholeNumbers == Numbers ? Math.Round(Mean!.Value, MidpointRounding.AwayFromZero).ToString("R", CultureInfo.InvariantCulture)
        : Mean!.Value.ToString("R", CultureInfo.InvariantCulture);
}
