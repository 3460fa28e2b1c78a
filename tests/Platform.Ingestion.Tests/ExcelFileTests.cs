using System.IO.Compression;
using System.Text;
using Platform.Domain.Imports;
using Platform.Ingestion.Imports;
using Platform.Testing;

namespace Platform.Ingestion.Tests;

public sealed class ExcelFileTests
{
    // The shape of the UCI Online Retail workbook: invoice numbers as text, quantities and prices as numbers, dates.
    private static readonly object?[][] Retail =
    [
        ["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"],
        ["536365", "85123A", 6, new DateTime(2010, 12, 1, 8, 26, 0), 2.55, 17850, "United Kingdom"],
        [],
        ["C536379", "D", -1, new DateTime(2010, 12, 1, 9, 41, 0), 27.5, null, "United Kingdom"],
    ];

    [Fact]
    public async Task CellsReadAsACsvExportWouldWriteThem()
    {
        var (header, rows) = await ReadAsync(Workbooks.Xlsx(("Online Retail", Retail)));

        Assert.Equal(["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"], header);
        Assert.Equal([2L, 4L], rows.Select(r => r.Line)); // the empty row 3 is skipped, and counted
        Assert.Equal(("6", "2010-12-01 08:26:00", "2.55", "17850"), (rows[0]["Quantity"], rows[0]["InvoiceDate"], rows[0]["UnitPrice"], rows[0]["CustomerID"]));
        Assert.Equal(("-1", "27.5", null), (rows[1]["Quantity"], rows[1]["UnitPrice"], rows[1]["CustomerID"]));
    }

    [Fact]
    public async Task TheSheetNamedIsReadAndAMissingOneIsNamedWithTheOthers()
    {
        var workbook = Workbooks.Xlsx(("Year 2009-2010", [["id"], ["a"]]), ("Year 2010-2011", [["id", "flag"], ["b", true]]));

        var (_, first) = await ReadAsync(workbook);
        var (_, second) = await ReadAsync(workbook, new ImportOptions(ImportKind.Users, Format: FileFormat.Excel, Sheet: "Year 2010-2011"));
        var missing = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync(workbook, new ImportOptions(ImportKind.Users, Format: FileFormat.Excel, Sheet: "2011")));

        Assert.Equal("a", first.Single()["id"]);
        Assert.Equal(("b", "true"), (second.Single()["id"], second.Single()["flag"]));
        Assert.Equal("The workbook has no sheet '2011'; it has: 'Year 2009-2010', 'Year 2010-2011'.", missing.Message);
    }

    [Fact]
    public async Task ASheetWithoutAHeaderRowIsReadByTheColumnNamesGiven()
    {
        var options = new ImportOptions(ImportKind.Users, Format: FileFormat.Excel, ColumnNames: ["id", "age"]);

        var (header, rows) = await ReadAsync(Workbooks.Xlsx(("Sheet1", [["u1", 30], ["u2", 41.0]])), options);

        Assert.Equal(["id", "age"], header);
        Assert.Equal([(1L, "u1", "30"), (2L, "u2", "41")], rows.Select(r => (r.Line, r["id"], r["age"])));
    }

    [Fact]
    public async Task NumbersKeepEveryDigitAndTimesOfDayStayTimes()
    {
        var sheet = new object?[][]
        {
            ["id", "big", "share", "tiny", "at", "empty1", ""],
            ["a", 1234567890123456d, 0.15, 1e-20, new DateTime(1899, 12, 30, 8, 26, 0), "", null],
        };

        var (header, rows) = await ReadAsync(Workbooks.Xlsx(("S", sheet)));

        Assert.Equal(["id", "big", "share", "tiny", "at", "empty1"], header); // a trailing column without a name is left out
        Assert.Equal(("1234567890123456", "0.15", "1E-20", "08:26:00"), (rows[0]["big"], rows[0]["share"], rows[0]["tiny"], rows[0]["at"]));
    }

    [Fact]
    public async Task TwoColumnsWithoutANameFailAndSheetNamesIgnoreCase()
    {
        var merged = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync(Workbooks.Xlsx(("S", [["id", "", "", "x"], ["a", "b", "c", "d"]]))));
        var (_, rows) = await ReadAsync(Workbooks.Xlsx(("Orders", [["id"], ["a"]])), new ImportOptions(ImportKind.Users, Format: FileFormat.Excel, Sheet: "orders"));

        Assert.StartsWith("Line 1: the header row has more than one column without a name", merged.Message);
        Assert.Equal("a", rows.Single()["id"]);
    }

    [Fact]
    public async Task ADamagedSheetFailsSayingSoInsteadOfAServerError()
    {
        var workbook = Workbooks.Xlsx(("S", [["id"], ["a"], ["b"]]));
        using var bytes = new MemoryStream();
        bytes.Write(workbook);
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("xl/worksheets/sheet1.xml")!.Delete();
            using var broken = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            broken.Write("""<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row><row r="2"><c""");
        }

        var failure = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync(bytes.ToArray()));

        Assert.StartsWith("The file is not an Excel workbook (.xlsx or .xls), or a damaged one:", failure.Message); // its first sheet is read on opening
    }

    [Fact]
    public async Task AFileThatIsNotAWorkbookFailsSayingSo()
    {
        var failure = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync(Encoding.UTF8.GetBytes("id,age\nu1,30\n")));

        Assert.StartsWith("The file is not an Excel workbook (.xlsx or .xls), or a damaged one", failure.Message);
    }

    [Fact]
    public async Task AnEmptySheetAndARepeatedColumnFail()
    {
        var empty = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync(Workbooks.Xlsx(("Blank", [[], [null, ""]]))));
        var twice = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync(Workbooks.Xlsx(("S", [["id", "id"], ["a", "b"]]))));

        Assert.Equal("The sheet 'Blank' is empty: a header row with column names is expected.", empty.Message);
        Assert.Equal("The header names column 'id' twice.", twice.Message);
    }

    private static async Task<(IReadOnlyList<string> Header, List<CsvRecord> Rows)> ReadAsync(byte[] bytes, ImportOptions? options = null)
    {
        IReadOnlyList<string> header = [];
        var rows = new List<CsvRecord>();
        await foreach (var row in ImportFile.ReadAsync(new MemoryStream(bytes), options ?? new ImportOptions(ImportKind.Events, Format: FileFormat.Excel), h => header = h, CancellationToken.None))
        {
            rows.Add(row);
        }

        return (header, rows);
    }
}
