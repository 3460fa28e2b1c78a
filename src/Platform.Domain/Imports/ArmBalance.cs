using System.Globalization;

namespace Platform.Domain.Imports;

/// <summary>
/// Whether each column of a randomized experiment's file is balanced between the control group and each arm, as a
/// column measured before assignment is. One that differs — a standardized difference above
/// <see cref="MaxStandardizedDifference"/> that chance does not explain (|z| above <see cref="MinZ"/>) — was most likely
/// measured after assignment (another outcome: visits, exposures) and as a feature would give the arm away
/// (docs/imports.md#past-experiments). Mostly numeric columns compare means; columns of at most <see cref="MaxLevels"/>
/// distinct values each value's share; every column how often the cell is filled.
/// </summary>
public sealed class ArmBalance(ExperimentMapping mapping)
{
    public const double MaxStandardizedDifference = 0.1;
    public const double MinZ = 5;
    public const int MaxLevels = 50;

    /// <summary>An import reports at most this many unbalanced columns, the largest differences first (all are left out of the features).</summary>
    public const int MaxReported = 50;

    private readonly Dictionary<string, ColumnSides> columns = new(StringComparer.Ordinal);
    private readonly long[] rows = new long[mapping.Arms.Count + 1];
    private readonly IReadOnlyDictionary<string, ExperimentArm> arms = mapping.ArmsByValue();
    private readonly HashSet<string> mapped = new(mapping.MappedColumns, StringComparer.Ordinal);

    /// <summary>Counts one row; a row whose assignment is no arm and not control is left out (the import rejects it).</summary>
    public void Add(IEnumerable<string> header, Func<string, string?> cell)
    {
        var side = SideOf(cell(mapping.AssignmentColumn));
        if (side < 0)
        {
            return;
        }

        rows[side]++;
        foreach (var column in header)
        {
            if (!IsMapped(column))
            {
                (columns.TryGetValue(column, out var sides) ? sides : columns[column] = new ColumnSides(rows.Length)).Add(side, cell(column));
            }
        }
    }

    /// <summary>The columns that differ between control and an arm, each with its largest difference, largest first.</summary>
    public IReadOnlyList<ColumnImbalance> Imbalanced()
    {
        var found = new List<ColumnImbalance>();
        foreach (var (column, sides) in columns)
        {
            var worst = Enumerable.Range(1, mapping.Arms.Count)
                .Select(arm => (Arm: mapping.Arms[arm - 1].Name, Difference: sides.Between(rows, control: 0, arm)))
                .Where(d => Math.Abs(d.Difference.Standardized) > MaxStandardizedDifference && Math.Abs(d.Difference.Z) > MinZ)
                .OrderByDescending(d => Math.Abs(d.Difference.Standardized))
                .FirstOrDefault();
            if (worst.Arm is not null)
            {
                // A size, not a direction: the largest difference may be one value's share, falling as another's rises.
                var standardized = Math.Abs(worst.Difference.Standardized);
                found.Add(new ColumnImbalance(column, worst.Arm, double.IsFinite(standardized) ? Math.Round(standardized, 3) : null));
            }
        }

        return found.OrderByDescending(f => f.StandardizedDifference ?? double.PositiveInfinity).ThenBy(f => f.Column, StringComparer.Ordinal).ToList();
    }

    private int SideOf(string? assignment) =>
        assignment is null || !arms.TryGetValue(assignment, out var arm) ? -1 : arm.IsControl ? 0 : arm.TreatmentIndex!.Value + 1;

    private bool IsMapped(string column) => mapped.Contains(column);

    private readonly record struct Difference(double Standardized, double Z)
    {
        public static Difference Of(double treatedMean, double treatedVariance, long treated, double controlMean, double controlVariance, long control)
        {
            if (treated == 0 || control == 0)
            {
                return default;
            }

            var gap = treatedMean - controlMean;
            var rows = treated + control;
            // z against the variance of both sides together, the gap between them included (as under "no difference"), so
            // that a handful of rows cannot clear the bar however far apart they are: perfectly separated sides give √rows.
            var together = (((treated - 1) * treatedVariance) + ((control - 1) * controlVariance) + (gap * gap * treated * control / rows)) / Math.Max(1, rows - 1);
            var z = together > 0 ? gap / Math.Sqrt(together * ((1.0 / treated) + (1.0 / control))) : 0;
            var pooled = Math.Sqrt((treatedVariance + controlVariance) / 2);
            // Constant on each side yet different (a column filled on one side only): no spread to scale the gap by.
            return new(pooled > 0 ? gap / pooled : gap == 0 ? 0 : Math.Sign(gap) * double.PositiveInfinity, z);
        }

        public static Difference OfShares(long treatedHits, long treated, long controlHits, long control)
        {
            var (p, q) = (treated > 0 ? (double)treatedHits / treated : 0, control > 0 ? (double)controlHits / control : 0);
            return Of(p, p * (1 - p), treated, q, q * (1 - q), control);
        }
    }

    private sealed class ColumnSides(int sides)
    {
        private readonly long[] filled = new long[sides];
        private readonly long[] numbers = new long[sides];
        private readonly double[] means = new double[sides];
        private readonly double[] squaredDeviations = new double[sides]; // Welford's running sums: no cancellation on large values
        private Dictionary<string, long[]>? levels = new(StringComparer.Ordinal);

        public void Add(int side, string? value)
        {
            if (value is null)
            {
                return;
            }

            filled[side]++;
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                numbers[side]++;
                var delta = number - means[side];
                means[side] += delta / numbers[side];
                squaredDeviations[side] += delta * (number - means[side]);
            }

            if (levels is not null && (levels.ContainsKey(value) || levels.Count < MaxLevels))
            {
                (levels.TryGetValue(value, out var counts) ? counts : levels[value] = new long[filled.Length])[side]++;
            }
            else if (levels is not null)
            {
                levels = null; // too many values to compare one by one
            }
        }

        public Difference Between(long[] rows, int control, int arm)
        {
            var differences = new List<Difference> { Difference.OfShares(filled[arm], rows[arm], filled[control], rows[control]) };
            if (numbers.Sum() * 2 > filled.Sum()) // mostly numbers (the odd "NA" aside), as ColumnStatistics.Imputed decides
            {
                differences.Add(Difference.Of(means[arm], Variance(arm), numbers[arm], means[control], Variance(control), numbers[control]));
            }

            if (levels is not null)
            {
                differences.AddRange(levels.Values.Select(counts => Difference.OfShares(counts[arm], filled[arm], counts[control], filled[control])));
            }

            return differences.MaxBy(d => Math.Abs(d.Standardized) > MaxStandardizedDifference && Math.Abs(d.Z) > MinZ ? Math.Abs(d.Standardized) : 0);
        }

        private double Variance(int side) => numbers[side] > 1 ? squaredDeviations[side] / (numbers[side] - 1) : 0;
    }
}

/// <summary>
/// A column whose values differ between an experiment's control group and an arm (<see cref="ArmBalance"/>): how far
/// apart, in standard deviations; null when each side is constant and they differ (nothing to scale by).
/// </summary>
public sealed record ColumnImbalance(string Column, string Arm, double? StandardizedDifference);
