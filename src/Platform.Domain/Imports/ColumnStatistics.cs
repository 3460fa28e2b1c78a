using System.Globalization;

namespace Platform.Domain.Imports;

/// <summary>What a first pass over a file learns about one column: for imputation and for typing features.</summary>
public sealed class ColumnStatistics
{
    private readonly Dictionary<string, long> texts = new(StringComparer.Ordinal);
    private double sum;

    public long Present { get; private set; }

    public long Numbers { get; private set; }

    /// <summary>The most decimal places a number of the column was written with (trailing zeros aside: "4.0" has none).</summary>
    public int Decimals { get; private set; }

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
            if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
            {
                Decimals = Math.Max(Decimals, Events.EventRules.Canonical(exact).Scale);
            }
        }

        if (texts.Count < 10_000 || texts.ContainsKey(value))
        {
            texts[value] = texts.GetValueOrDefault(value) + 1;
        }
    }

    /// <summary>
    /// The value imputed for an empty cell: when most values are numbers, their mean rounded to the decimals the
    /// column's numbers are written with (a count stays a count, an amount in cents stays in cents, a half-star rating
    /// a half star; the odd non-number is rejected by the column's type), else the most frequent text.
    /// </summary>
    public string? Imputed => Numbers * 2 <= Present ? Mode
        : Math.Round(Mean!.Value, Math.Min(Decimals, 15), MidpointRounding.AwayFromZero).ToString("R", CultureInfo.InvariantCulture);
}
