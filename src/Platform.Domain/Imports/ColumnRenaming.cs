namespace Platform.Domain.Imports;

/// <summary>
/// A file's columns under the names an import reads (docs/imports.md): a mapped column takes its field's name; another
/// column is read by its own name, matched to a field as the import matches it (occurred_at is occurredAt, user_id is
/// userId), unless the mapping gives that field to another column — then the mapping decides and the column is read as
/// nothing. An alias (a users file's userId for id) is the field it stands for.
/// </summary>
public sealed class ColumnRenaming
{
    private readonly Dictionary<string, string> fieldOf;
    private readonly HashSet<string> mappedFields;
    private readonly Dictionary<string, string> knownFields;

    /// <param name="knownFields">The fields the import reads, in their canonical spelling.</param>
    /// <param name="aliases">Other names of some of them: alias → field.</param>
    public ColumnRenaming(IReadOnlyList<FieldColumn>? fields, IEnumerable<string> knownFields, IReadOnlyDictionary<string, string>? aliases = null)
    {
        fieldOf = (fields ?? []).ToDictionary(f => f.Column, f => f.Field, StringComparer.Ordinal);
        mappedFields = (fields ?? []).Select(f => f.Field).ToHashSet(StringComparer.Ordinal);
        this.knownFields = knownFields.ToDictionary(CellReader.Normalize, f => aliases?.GetValueOrDefault(f) ?? f, StringComparer.Ordinal);
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

    /// <summary>The cells under the names they are read by; of two columns read as one field, the first (as <see cref="CellReader"/> reads them).</summary>
    public Dictionary<string, string?> Rename(IReadOnlyDictionary<string, string?> cells)
    {
        var renamed = new Dictionary<string, string?>(cells.Count + 1, StringComparer.Ordinal);
        foreach (var (column, value) in cells)
        {
            if (FieldOf(column) is { } field)
            {
                renamed.TryAdd(field, value);
            }
        }

        return renamed;
    }
}
