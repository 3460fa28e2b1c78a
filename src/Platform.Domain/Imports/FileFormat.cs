namespace Platform.Domain.Imports;

/// <summary>How an uploaded file is laid out (docs/imports.md#json-lines-files).</summary>
public enum FileFormat
{
    /// <summary>Delimited text with a header line (or <see cref="ImportOptions.ColumnNames"/>): the default.</summary>
    Csv,

    /// <summary>One JSON object per line (Amazon's and Yelp's review dumps): its top-level fields are the columns.</summary>
    JsonLines,

    /// <summary>An Excel workbook (.xlsx or .xls): a worksheet's rows, its first row the header (or <see cref="ImportOptions.ColumnNames"/>).</summary>
    Excel,
}
