using System.Globalization;
using Platform.Domain.Users;

namespace Platform.Domain.Imports;

/// <summary>
/// How strongly each column of an experiment file goes with its outcome (the conversion column, else revenue, else
/// participation), from 0 to 1: the larger of |Pearson r| (a mostly numeric column) and the correlation ratio η (a column
/// of at most <see cref="MaxLevels"/> values, an empty cell a value of its own), each squared and less what chance alone
/// gives on as many rows ((levels − 1) ÷ (rows − 1) for η², 1 ÷ (rows − 1) for r²), then its root. When a file has more
/// feature columns than the tenant may declare as attributes, the import keeps the most associated
/// (<see cref="Screen"/>, docs/imports.md#past-experiments): a screen for what predicts the outcome, the usual first cut.
/// </summary>
public sealed class OutcomeAssociation(ExperimentMapping mapping)
{
    public const int MaxLevels = 50;

    /// <summary>An import reports at most this many left-out feature columns, the most associated first (all are left out).</summary>
    public const int MaxReported = 100;

    private readonly string? outcome = mapping.ConversionColumn ?? mapping.RevenueColumn ?? mapping.ParticipationColumn;
    private readonly HashSet<string> mapped = new(mapping.MappedColumns, StringComparer.Ordinal);
    private readonly Dictionary<string, Column> columns = new(StringComparer.Ordinal);
    private long rows;
    private double outcomeMean;
    private double outcomeSquares; // Welford's running sum of squared deviations

    /// <summary>Counts one row; a row without a readable outcome is left out.</summary>
    public void Add(IEnumerable<string> header, Func<string, string?> cell)
    {
        if (outcome is null || Outcome(cell(outcome)) is not { } y)
        {
            return;
        }

        rows++;
        var delta = y - outcomeMean;
        outcomeMean += delta / rows;
        outcomeSquares += delta * (y - outcomeMean);
        foreach (var column in header)
        {
            if (!mapped.Contains(column))
            {
                (columns.TryGetValue(column, out var found) ? found : columns[column] = new Column()).Add(cell(column), y);
            }
        }
    }

    /// <summary>The column's association with the outcome, 0 to 1 (0 for a column never seen or an outcome that never varies).</summary>
    public double Of(string column) =>
        rows > 2 && outcomeSquares > 0 && columns.TryGetValue(column, out var found) ? found.Association(rows, outcomeMean, outcomeSquares) : 0;

    /// <summary>
    /// The features to declare and those left out (most associated first): every feature when the new ones fit beside the
    /// tenant's <paramref name="declared"/> attributes; else the declared ones and the most associated new ones, as many as fit
    /// (ties: the file's order). Two columns of one attribute name are one feature (the first), as the import declares them.
    /// </summary>
    public static (IReadOnlyList<AttributeDefinition> Kept, IReadOnlyList<(AttributeDefinition Feature, double Association)> LeftOut) Screen(
        IReadOnlyList<AttributeDefinition> features, IReadOnlyCollection<string> declared, int maxAttributes, Func<AttributeDefinition, double> association)
    {
        features = features.DistinctBy(f => f.Name).ToList();
        var fresh = features.Where(f => !declared.Contains(f.Name)).ToList();
        var free = Math.Max(0, maxAttributes - declared.Count);
        if (fresh.Count <= free)
        {
            return (features, []);
        }

        var ranked = fresh.Select((f, order) => (Feature: f, Association: association(f), Order: order))
            .OrderByDescending(f => f.Association).ThenBy(f => f.Order).ToList();
        var kept = ranked.Take(free).Select(f => f.Feature.Name).ToHashSet();
        return (features.Where(f => declared.Contains(f.Name) || kept.Contains(f.Name)).ToList(), ranked.Skip(free).Select(f => (f.Feature, f.Association)).ToList());
    }

    private static double? Outcome(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "true" or "yes" => 1,
        "false" or "no" => 0,
        var t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null,
    };

    private sealed class Column
    {
        private Dictionary<string, (long Rows, double Sum)>? levels = new(StringComparer.Ordinal);
        private long filled;
        private long numbers;
        private double meanX;
        private double meanY;
        private double squaresX;
        private double squaresY;
        private double coMoment;

        public void Add(string? value, double y)
        {
            var key = value ?? "";
            if (levels is not null && (levels.ContainsKey(key) || levels.Count < MaxLevels))
            {
                var (count, sum) = levels.GetValueOrDefault(key);
                levels[key] = (count + 1, sum + y);
            }
            else
            {
                levels = null; // too many values for a ratio
            }

            if (value is null)
            {
                return;
            }

            filled++;
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x))
            {
                numbers++;
                var (dx, dy) = (x - meanX, y - meanY);
                meanX += dx / numbers;
                meanY += dy / numbers;
                squaresX += dx * (x - meanX);
                squaresY += dy * (y - meanY);
                coMoment += dx * (y - meanY);
            }
        }

        public double Association(long rows, double outcomeMean, double outcomeSquares)
        {
            var best = 0.0;
            if (numbers * 2 > filled && numbers > 2 && squaresX > 0 && squaresY > 0)
            {
                var r2 = coMoment * coMoment / (squaresX * squaresY);
                best = Math.Max(best, r2 - (1.0 / (numbers - 1)));
            }

            if (levels is { Count: > 1 })
            {
                var between = levels.Values.Sum(l => l.Rows * Math.Pow((l.Sum / l.Rows) - outcomeMean, 2));
                best = Math.Max(best, (between / outcomeSquares) - ((levels.Count - 1.0) / (rows - 1)));
            }

            return Math.Sqrt(Math.Clamp(best, 0, 1));
        }
    }
}

/// <summary>A feature column an import left out for want of room, with its association with the outcome (<see cref="OutcomeAssociation"/>).</summary>
public sealed record ScreenedColumn(string Column, double Association);
