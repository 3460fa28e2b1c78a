namespace Platform.Domain.Imports;

/// <summary>
/// Everything an import needs besides the file. <see cref="ColumnNames"/>: the columns of a file without a header line
/// (as many public logs come), in order; its first line is then data, and line 1. <see cref="Users"/>,
/// <see cref="Items"/>: the file's own name of each field of a users or items file (customer_id for id).
/// <see cref="Delimiter"/>: one of <see cref="ImportOptionsRules.Delimiters"/>; <see cref="Encoding"/>: how the file's
/// bytes are read as text; <see cref="Format"/>: CSV, one JSON object per line, or an Excel workbook, of which
/// <see cref="Sheet"/> names the worksheet (the first when left out); <see cref="Entry"/>: the file to read of a zip
/// archive that holds several.
/// </summary>
public sealed record ImportOptions(
    ImportKind Kind,
    string Delimiter = ",",
    IReadOnlyList<ColumnPolicy>? Columns = null,
    IReadOnlyList<string>? Tags = null,
    ExperimentMapping? Experiment = null,
    EventFileMapping? Events = null,
    IReadOnlyList<string>? ColumnNames = null,
    ColumnMapping? Users = null,
    ColumnMapping? Items = null,
    FileEncoding Encoding = FileEncoding.Utf8,
    FileFormat Format = FileFormat.Csv,
    string? Sheet = null,
    string? Entry = null)
{
    public MissingPolicy PolicyFor(string column, out string? defaultValue)
    {
        var policy = Columns?.FirstOrDefault(c => c.Column == column);
        defaultValue = policy?.Default;
        return policy?.Missing ?? MissingPolicy.Leave;
    }
}

/// <summary>Which column of a users or items file holds each field it names differently (docs/imports.md#users-and-items-files-in-other-shapes).</summary>
public sealed record ColumnMapping(IReadOnlyList<FieldColumn>? Fields = null)
{
    /// <summary>What a users file's mapping may name: its columns, userId aside (another name of id).</summary>
    public static IReadOnlyList<string> UserFields { get; } = [.. RowMappers.UserColumns.Where(c => c != "userId")];

    /// <summary>What an items file's mapping may name: its columns, itemId aside (another name of id).</summary>
    public static IReadOnlyList<string> ItemFields { get; } = [.. RowMappers.ItemColumns.Where(c => c != "itemId")];

    public ColumnRenaming ForUsers() => new(Fields, RowMappers.UserColumns, new Dictionary<string, string> { ["userId"] = "id" });

    public ColumnRenaming ForItems() => new(Fields, RowMappers.ItemColumns, new Dictionary<string, string> { ["itemId"] = "id" });
}
