using GraphQL.Types;
using Platform.Domain.Imports;

namespace Platform.Gateway.Api.Arguments;

public sealed class ImportOptionsInputType : InputObjectGraphType<ImportOptionsInput>
{
    public ImportOptionsInputType()
    {
        Name = "ImportOptionsInput";
        Description = "How to read a file: CSV, JSON Lines or an Excel workbook, delimiter, missing-value policies, tags for imported users, the mapping of a past experiment, and how an events file is written.";
        Field<StringGraphType>("delimiter").Description("',' (default), ';', '|', a tab (\"\\t\") or '::' (MovieLens' .dat files: no quoting, so quotes and commas in a field are text).");
        Field<FileFormatEnumType>("format").Description("CSV (default), JSON_LINES (one JSON object per line, whose top-level fields are the columns) or EXCEL (a workbook, .xlsx or .xls).");
        Field<StringGraphType>("sheet").Description("For EXCEL: the worksheet to read, by name (default the first).");
        Field<StringGraphType>("entry").Description("For a zip archive of several files: the one to read, by its path or name in the archive (an archive of one file reads it).");
        Field<FileEncodingEnumType>("encoding").Description("How the file's bytes are read as text: UTF_8 (default) or WINDOWS_1252 (also ISO-8859-1 text). A byte-order mark overrides it.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("columnNames")
            .Description("The columns of a file without a header line, in order; its first line is then data (line 1). Left out, the first line names them.");
        Field<ListGraphType<NonNullGraphType<ColumnPolicyInputType>>>("columns").Description("Missing-value policies per column.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags").Description("Tags added to every imported user (USERS and EXPERIMENT).");
        Field<ExperimentInputType>("experiment").Description("Required for EXPERIMENT imports.");
        Field<EventFileInputType>("events").Description("For EVENTS imports of a file in a shape of its own: column names, type values, time format.");
        Field<ColumnMappingInputType>("users").Description("For USERS imports of a file that names its columns its own way (customer_id for id).");
        Field<ColumnMappingInputType>("items").Description("For ITEMS imports of a file that names its columns its own way (article_id for id).");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new ImportOptionsInput(
        value.Get("delimiter") as string, value.GetList<ColumnPolicy>("columns"), value.GetList<string>("tags"), value.Get("experiment") as ExperimentMapping,
        value.Get("events") as EventFileMapping, value.GetList<string>("columnNames"), value.Get("users") as ColumnMapping, value.Get("items") as ColumnMapping,
        value.Get("encoding") as FileEncoding?, value.Get("format") as FileFormat?, value.Get("sheet") as string, value.Get("entry") as string);
}
