namespace Platform.Domain.Imports;

/// <summary>One data row of a CSV file: its line (the header is line 1) and its cells by column name.</summary>
public sealed record CsvRecord(long Line, IReadOnlyDictionary<string, string?> Cells)
{
    /// <summary>The cell, or null when the column is absent or the cell empty (after trimming).</summary>
    public string? this[string column] => Cells.TryGetValue(column, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
