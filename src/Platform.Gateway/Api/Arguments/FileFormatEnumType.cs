using GraphQL.Types;
using Platform.Domain.Imports;

namespace Platform.Gateway.Api.Arguments;

public sealed class FileFormatEnumType : EnumerationGraphType
{
    public FileFormatEnumType()
    {
        Name = "FileFormat";
        Description = "How an uploaded file is laid out.";
        Add("CSV", FileFormat.Csv, "Delimited text with a header line, or with options.columnNames (the default).");
        Add("EXCEL", FileFormat.Excel, "An Excel workbook, .xlsx or .xls: a worksheet's rows (options.sheet, else the first), its first row the header (or options.columnNames).");
        Add("JSON_LINES", FileFormat.JsonLines, "One JSON object per line (review dumps such as Amazon's and Yelp's): the top-level fields of the first 100 objects are the columns.");
    }
}
