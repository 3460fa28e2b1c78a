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

    /// <summary>The first day of Excel's calendar: a cell formatted as a time of day alone reads as a date before it.</summary>
    private static readonly DateTime FirstDay = new(1900, 1, 1);

    /// <summary>
    /// A workbook's text is held in memory while it is read (its shared strings), so its size is bounded; a million
    /// rows, Excel's own limit, take about 100 MB. Larger logs go as CSV, gzipped.
    /// </summary>
    public const long MaxWorkbookBytes = 512L << 20;

    static ExcelFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // .xls keeps its text in code pages

    public static async IAsyncEnumerable<CsvRecord> ReadAsync(
        Stream file, ImportOptions options, Action<IReadOnlyList<string>> onHeader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = Path.GetTempFileName();
        try
        {
            await using var copy = File.Create(path);
            await file.CopyToAsync(copy, cancellationToken);
            if (copy.Length > MaxWorkbookBytes)
            {
                throw new ImportFailure($"The workbook is larger than {MaxWorkbookBytes >> 20} MiB: export the sheet as CSV (gzip it) and import that.");
            }
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

                if (header.Count > ImportOptionsRules.MaxColumnNames)
                {
                    throw new ImportFailure($"Line {line}: the header row has {header.Count:N0} columns, more than the {ImportOptionsRules.MaxColumnNames:N0} a file may have.");
                }

                var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null)
                {
                    throw new ImportFailure(duplicate.Key.Length == 0
                        ? $"Line {line}: the header row has more than one column without a name (merged cells?); name them or give options.columnNames."
                        : $"The header names column '{duplicate.Key}' twice.");
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
        catch (InvalidPasswordException)
        {
            throw new ImportFailure("The workbook is protected by a password: save it without one, or export the sheet as CSV.");
        }
        catch (Exception exception) when (Unreadable(exception))
        {
            throw new ImportFailure($"The file is not an Excel workbook (.xlsx or .xls), or a damaged one: {exception.Message}");
        }
    }

    // What a damaged or foreign file makes the reader throw (broken XML, a cut .xls, a zip that is no workbook); a
    // cancellation or our own failure passes.
    private static bool Unreadable(Exception exception) => exception is not (OperationCanceledException or ImportFailure or OutOfMemoryException);

    private static void FindSheet(IExcelDataReader reader, string? sheet)
    {
        if (sheet is null)
        {
            return;
        }

        var names = new List<string>();
        do
        {
            if (string.Equals(reader.Name, sheet, StringComparison.OrdinalIgnoreCase)) // as Excel, which allows no two names that differ in case
            {
                return;
            }

            names.Add(reader.Name);
        }
        while (NextSheet(reader));

        throw new ImportFailure($"The workbook has no sheet '{sheet}'; it has: {string.Join(", ", names.Select(n => $"'{n}'"))}.");
    }

    private static bool NextSheet(IExcelDataReader reader)
    {
        try
        {
            return reader.NextResult();
        }
        catch (Exception exception) when (Unreadable(exception))
        {
            throw new ImportFailure($"The workbook cannot be read past its sheet '{reader.Name}' ({exception.Message}).");
        }
    }

    private static bool Next(IExcelDataReader reader, long line)
    {
        try
        {
            return reader.Read();
        }
        catch (Exception exception) when (Unreadable(exception))
        {
            throw new ImportFailure($"Line {line}: the workbook cannot be read ({exception.Message}).");
        }
    }

    private static string? Cell(object? value) => value switch
    {
        null or DBNull => null,
        string text => text,
        double number => Number(number),
        DateTime date when date < FirstDay => date.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        DateTime date => date.ToString(DateFormat, CultureInfo.InvariantCulture),
        TimeSpan time => time.ToString("c", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    // Excel keeps numbers as doubles: 2.55 is 2.5499999999999998. A whole number that a double holds exactly is written
    // whole (an id of 16 digits too); another number as a decimal of 15 significant digits, which reads back as entered;
    // one too small or large for a decimal in the shortest form that reads back.
    private static string Number(double number) => number switch
    {
        _ when Math.Abs(number) <= 9_007_199_254_740_992d && number == Math.Floor(number) => ((long)number).ToString(CultureInfo.InvariantCulture),
        _ when Math.Abs(number) is >= 1e-15 and < 7.9e27 => ((decimal)number).ToString(CultureInfo.InvariantCulture),
        _ => number.ToString("R", CultureInfo.InvariantCulture),
    };
}
