namespace Platform.Domain.Imports;

/// <summary>
/// Applies the declared missing-value policies to a row: empty cells stay empty, drop the row, take the
/// column's default, or take the value imputed from the whole file. Nothing else is changed: a value of
/// the wrong type is reported by the mapper, never coerced.
/// </summary>
public sealed class RowCleaner(ImportOptions options, IReadOnlyDictionary<string, ColumnStatistics> statistics)
{
    public RowOutcome Clean(CsvRecord record)
    {
        var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var column in record.Cells.Keys)
        {
            var value = record[column];
            if (value is null)
            {
                switch (options.PolicyFor(column, out var defaultValue))
                {
                    case MissingPolicy.Drop:
                        return RowOutcome.Drop;
                    case MissingPolicy.Default:
                        value = defaultValue;
                        break;
                    case MissingPolicy.Impute:
                        value = statistics.TryGetValue(column, out var stats) ? stats.Imputed : null;
                        break;
                }
            }

            cells[column] = value;
        }

        return new RowOutcome(cells, false, []);
    }

    /// <summary>The columns a first pass must measure: those imputed, plus every column when experiment features are typed.</summary>
    public static IReadOnlyList<string> ColumnsToMeasure(ImportOptions options, IReadOnlyList<string> header) =>
        options.Kind == ImportKind.Experiment
            ? header
            : (options.Columns ?? []).Where(c => c.Missing == MissingPolicy.Impute).Select(c => c.Column).Where(header.Contains).ToList();
}
