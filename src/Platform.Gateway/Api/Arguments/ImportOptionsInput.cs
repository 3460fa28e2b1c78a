using Platform.Domain.Imports;

namespace Platform.Gateway.Api.Arguments;

/// <summary>Options of importDataset; the kind comes from its own argument.</summary>
public sealed record ImportOptionsInput(
    string? Delimiter, IReadOnlyList<ColumnPolicy>? Columns, IReadOnlyList<string>? Tags, ExperimentMapping? Experiment, EventFileMapping? Events = null,
    IReadOnlyList<string>? ColumnNames = null, ColumnMapping? Users = null, ColumnMapping? Items = null, FileEncoding? Encoding = null, FileFormat? Format = null, string? Sheet = null, string? Entry = null)
{
    public ImportOptions For(ImportKind kind) =>
        new(kind, Delimiter is "\\t" ? "\t" : Delimiter ?? ",", Columns, Tags, Experiment, Events, ColumnNames, Users, Items, Encoding ?? FileEncoding.Utf8, Format ?? FileFormat.Csv, Sheet, Entry);
}
