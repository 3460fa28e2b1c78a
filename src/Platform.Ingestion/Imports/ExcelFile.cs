using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ExcelDataReader;
using ExcelDataReader.Exceptions;
using Platform.Domain.Imports;

namespace Platform.Ingestion.Imports;

/// <summary>
/// Streams the rows of a worksheet of an Excel workbook, .xlsx or .xls (docs/imports.md#excel-workbooks): the sheet the
/// options name, else the first. Its first row is the header unless the options give the column names; line numbers are
/// the sheet's row numbers. Cells become text as a CSV export would write them: numbers in full (<c>2.55</c>, whole
/// numbers without a decimal point), dates as <c>yyyy-MM-dd HH:mm:ss</c> (Excel keeps no time zone), booleans as true or
/// false. Empty rows are skipped. The workbook is copied to a temporary file first: a reader of its zip needs to seek.
/// </summary>
public static class ExcelFile
{
    public const string DateFormat = "yyyy-MM-dd HH:mm:ss";

    static ExcelFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // .xls keeps its text in code pages

    public static async IAsyncEnumerable<CsvRecord> ReadAsync(
        Stream file, ImportOptions options, Action<IReadOnlyList<string>> onHeader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = Path.GetTempFileName();
        try
        {
            await using var copy = File.Create(path);
            await file.CopyToAsync(copy, cancellationToken);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        await using var workbook = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        using var reader = Open(workbook);
        FindSheet(reader, options.Sheet);
        var header = options.ColumnNames?.ToList();
        if (header is not null)
        {
            onHeader(header);
        }

        long line = 0;
        while (Next(reader, line + 1))
        {
            line++;
            cancellationToken.ThrowIfCancellationRequested();
            var values = Enumerable.Range(0, reader.FieldCount).Select(i => Cell(reader.GetValue(i))).ToList();
            if (values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (header is null)
            {
                header = [.. values.Select(v => v?.Trim() ?? "")];
                while (header.Count > 0 && header[^1].Length == 0)
                {
                    header.RemoveAt(header.Count - 1); // columns a sheet formatted but left empty
                }

                var duplicate = header.Where(h => h.Length > 0).GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null)
                {
                    throw new ImportFailure($"The header names column '{duplicate.Key}' twice.");
                }

                onHeader(header);
                continue;
            }

            var cells = new Dictionary<string, string?>(header.Count, StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                cells.TryAdd(header[i], i < values.Count ? values[i] : null);
            }

            yield return new CsvRecord(line, cells);
        }

        if (header is null)
        {
            throw new ImportFailure($"The sheet '{reader.Name}' is empty: a header row with column names is expected.");
        }
    }

    private static IExcelDataReader Open(Stream workbook)
    {
        try
        {
            return ExcelReaderFactory.CreateReader(workbook);
        }
        catch (Exception exception) when (exception is ExcelReaderException or InvalidDataException or NotSupportedException)
        {
            throw new ImportFailure($"The file is not an Excel workbook (.xlsx or .xls) that can be read: {exception.Message}");
        }
    }

    private static void FindSheet(IExcelDataReader reader, string? sheet)
    {
        if (sheet is null)
        {
            return;
        }

        var names = new List<string>();
        do
        {
            if (string.Equals(reader.Name, sheet, StringComparison.Ordinal))
            {
                return;
            }

            names.Add(reader.Name);
        }
        while (reader.NextResult());

        throw new ImportFailure($"The workbook has no sheet '{sheet}'; it has: {string.Join(", ", names.Select(n => $"'{n}'"))}.");
    }

    private static bool Next(IExcelDataReader reader, long line)
    {
        try
        {
            return reader.Read();
        }
        catch (Exception exception) when (exception is ExcelReaderException or InvalidDataException or FormatException)
        {
            throw new ImportFailure($"Line {line}: the workbook cannot be read ({exception.Message}).");
        }
    }

    private static string? Cell(object? value) => value switch
    {
        null or DBNull => null,
        string text => text,
        double number => Number(number),
        DateTime date => date.ToString(DateFormat, CultureInfo.InvariantCulture),
        TimeSpan time => time.ToString("c", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    // Excel keeps numbers as doubles: 2.55 is 2.5499999999999998. As a decimal (15 significant digits) it reads back as
    // written, and a whole number without a decimal point.
    private static string Number(double number) =>
        double.IsFinite(number) && Math.Abs(number) < 7.9e27
            ? ((decimal)number).ToString(CultureInfo.InvariantCulture)
            : number.ToString(CultureInfo.InvariantCulture);
}
