using System.Text;
using Platform.Domain.Imports;
using Platform.Ingestion.Imports;

namespace Platform.Ingestion.Tests;

public sealed class CsvFileTests
{
    [Fact]
    public async Task ABomQuotesAndCrlfAreRead()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("id,name,note\r\n1,\"Smith, Anna\",\"said \"\"hi\"\"\"\r\n2,Bo,\r\n")).ToArray();

        var (header, rows) = await ReadAsync(bytes);

        Assert.Equal(["id", "name", "note"], header);
        Assert.Equal("Smith, Anna", rows[0]["name"]);
        Assert.Equal("said \"hi\"", rows[0]["note"]);
        Assert.Null(rows[1]["note"]);
        Assert.Equal([2L, 3L], rows.Select(r => r.Line));
    }

    [Fact]
    public async Task AHashAtTheStartOfALineIsData()
    {
        var (_, rows) = await ReadAsync(Encoding.UTF8.GetBytes("id,name\n#7,seven\n"));

        Assert.Equal("#7", rows.Single()["id"]);
    }

    [Fact]
    public async Task AnEmptyFileFailsWithAClearMessage()
    {
        var failure = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync([]));

        Assert.Contains("empty", failure.Message);
    }

    [Fact]
    public async Task ARepeatedColumnNameFails()
    {
        var failure = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync(Encoding.UTF8.GetBytes("id,age,id\n1,2,3\n")));

        Assert.Contains("'id' twice", failure.Message);
    }

    [Fact]
    public async Task AHugeLineFailsWithItsLineInsteadOfExhaustingMemory()
    {
        var huge = new StringBuilder("id,name\n1,ok\n2,\"").Append('x', CsvFile.MaxRecordChars + 10).Append("\"\n3,after\n");

        var failure = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync(Encoding.UTF8.GetBytes(huge.ToString())));

        Assert.Contains("Line 3", failure.Message);
    }

    [Fact]
    public async Task AnUnclosedQuoteFails()
    {
        var failure = await Assert.ThrowsAnyAsync<ImportFailure>(() => ReadAsync(Encoding.UTF8.GetBytes("id,name\n1,\"never closed\n2,b\n")));

        Assert.Contains("Line", failure.Message);
    }

    [Theory]
    [InlineData("id,name\n1,a\n2,\"b\"x\n3,c\n", 3)]
    [InlineData("id,name\n1,\"b\"x\n", 2)]
    public async Task AMalformedLineIsNamedAsRowsAreHeaderBeingLineOne(string csv, int line)
    {
        var failure = await Assert.ThrowsAnyAsync<ImportFailure>(() => ReadAsync(Encoding.UTF8.GetBytes(csv)));

        Assert.StartsWith($"Line {line}:", failure.Message);
    }

    [Fact]
    public async Task ShortRowsReadAsMissingCells()
    {
        var (_, rows) = await ReadAsync(Encoding.UTF8.GetBytes("id,age,region\n1,30\n"));

        Assert.Equal("30", rows.Single()["age"]);
        Assert.Null(rows.Single()["region"]);
    }

    [Fact]
    public async Task AFileWithoutAHeaderLineIsReadByTheGivenNamesFromLineOne()
    {
        var (header, rows) = await ReadAsync(Encoding.UTF8.GetBytes("A1,B1,5.0,881250949\nA2,B2\n"), ["user", "item", "rating", "time"]);

        Assert.Equal(["user", "item", "rating", "time"], header);
        Assert.Equal([(1L, "A1", "5.0"), (2L, "A2", null)], rows.Select(r => (r.Line, r["user"], r["rating"])));
    }

    [Fact]
    public async Task BrokenQuotingInAFileWithoutAHeaderNamesTheLineCountedFromOne()
    {
        var failure = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync(Encoding.UTF8.GetBytes("u1,sku,4\nu2,\"sku\"x,5\n"), ["user", "item", "rating"]));

        Assert.StartsWith("Line 2:", failure.Message);
    }

    private static async Task<(IReadOnlyList<string> Header, List<CsvRecord> Rows)> ReadAsync(byte[] bytes, IReadOnlyList<string>? columnNames = null)
    {
        IReadOnlyList<string> header = [];
        var rows = new List<CsvRecord>();
        await foreach (var row in CsvFile.ReadAsync(new MemoryStream(bytes), ',', columnNames, h => header = h, CancellationToken.None))
        {
            rows.Add(row);
        }

        return (header, rows);
    }
}
