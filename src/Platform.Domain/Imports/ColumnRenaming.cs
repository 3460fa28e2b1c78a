namespace Platform.Domain.Imports;

/// <summary>
/// A file's columns under the names an import reads (docs/imports.md): a mapped column takes its field's name; another
/// column is read by its own name, matched to a field as the import matches it (occurred_at is occurredAt), unless the
/// mapping gives that field to another column — then the mapping decides and the column is read as nothing.
/// </summary>
public sealed class ColumnRenaming
{
    private readonly Dictionary<string, string> fieldOf;
    private readonly HashSet<string> mappedFields;
    private readonly Dictionary<string, string> knownFields;

    /// <param name="knownFields">The fields the import reads, in their canonical spelling.</param>
    public ColumnRenaming(IReadOnlyList<FieldColumn>? fields, IEnumerable<string> knownFields)
    {
        fieldOf = (fields ?? []).ToDictionary(f => f.Column, f => f.Field, StringComparer.Ordinal);
        mappedFields = (fields ?? []).Select(f => f.Field).ToHashSet(StringComparer.Ordinal);
        this.knownFields = knownFields.DistinctBy(CellReader.Normalize).ToDictionary(CellReader.Normalize, f => f, StringComparer.Ordinal);
    }

    /// <summary>The name a column is read under; null for a column shadowed by a mapped one.</summary>
    public string? FieldOf(string column)
    {
        if (fieldOf.TryGetValue(column, out var field))
        {
            return field;
        }

        var named = knownFields.GetValueOrDefault(CellReader.Normalize(column), column);
        return mappedFields.Contains(named) ? null : named;
    }

    /// <summary>The header as the import reads it.</summary>
    public IReadOnlyList<string> Fields(IReadOnlyList<string> header) => header.Select(FieldOf).OfType<string>().ToList();

    /// <summary>Columns of the header no field is read from: named like a field another column is mapped to.</summary>
    public IReadOnlyList<string> Shadowed(IReadOnlyList<string> header) => header.Where(column => FieldOf(column) is null).ToList();

    public Dictionary<string, string?> Rename(IReadOnlyDictionary<string, string?> cells)
    {
        var renamed = new Dictionary<string, string?>(cells.Count + 1, StringComparer.Ordinal);
        foreach (var (column, value) in cells)
        {
            if (FieldOf(column) is { } field)
            {
                renamed[field] = value;
            }
        }

        return renamed;
    }
}
