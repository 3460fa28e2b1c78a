namespace Platform.Domain.Imports;

/// <summary>
/// Everything an import needs besides the file. <see cref="ColumnNames"/>: the columns of a file without a header line
/// (as many public logs come), in order; its first line is then data, and line 1. <see cref="Users"/>,
/// <see cref="Items"/>: the file's own name of each field of a users or items file (customer_id for id).
/// </summary>
public sealed record ImportOptions(
    ImportKind Kind,
    char Delimiter = ',',
    IReadOnlyList<ColumnPolicy>? Columns = null,
    IReadOnlyList<string>? Tags = null,
    ExperimentMapping? Experiment = null,
    EventFileMapping? Events = null,
    IReadOnlyList<string>? ColumnNames = null,
    ColumnMapping? Users = null,
    ColumnMapping? Items = null)
{
    public MissingPolicy PolicyFor(string column, out string? defaultValue)
    {
        var policy = Columns?.FirstOrDefault(c => c.Column == column);
        defaultValue = policy?.Default;
        return policy?.Missing ?? MissingPolicy.Leave;
    }
}

/// <summary>Which column of a users or items file holds each field it names differently (docs/imports.md#users-and-items-files-in-other-shapes).</summary>
public sealed record ColumnMapping(IReadOnlyList<FieldColumn>? Fields = null);
