using System.IO.Compression;
using System.Text;
using Platform.Domain.Imports;
using Platform.Ingestion.Imports;

namespace Platform.Ingestion.Tests;

public sealed class JsonLinesFileTests
{
    [Fact]
    public async Task TopLevelFieldsAreCellsReadAsWritten()
    {
        // The shape of Amazon's 2023 review dumps: a rating written 5.0, milliseconds, a boolean, a list.
        var jsonl = """
            {"rating": 5.0, "title": "Great, \"really\"", "asin": "B01", "user_id": "AG1", "timestamp": 1588687728923, "verified_purchase": true, "images": [], "note": null}

            {"rating": 3.0, "asin": "B02", "user_id": "AG2", "timestamp": 1588687728924, "verified_purchase": false, "images": [{"url": "x"}], "helpful_vote": 2}
            """;

        var (header, rows) = await ReadAsync(Encoding.UTF8.GetBytes(jsonl));

        Assert.Equal(["rating", "title", "asin", "user_id", "timestamp", "verified_purchase", "images", "note", "helpful_vote"], header);
        Assert.Equal([1L, 3L], rows.Select(r => r.Line)); // the blank line 2 is skipped, and counted
        Assert.Equal(("5.0", "Great, \"really\"", "1588687728923", "true", "[]"), (rows[0]["rating"], rows[0]["title"], rows[0]["timestamp"], rows[0]["verified_purchase"], rows[0].Cells["images"]));
        Assert.Equal((null, null, "false", "[{\"url\": \"x\"}]", "2"), (rows[0]["note"], rows[1]["title"], rows[1]["verified_purchase"], rows[1].Cells["images"], rows[1]["helpful_vote"]));
    }

    [Fact]
    public async Task TheFirstHundredObjectsNameTheColumnsAndLaterFieldsAreIgnored()
    {
        var lines = Enumerable.Range(1, 150).Select(i => i switch
        {
            50 => """{"id": "50", "vote": "3"}""",
            120 => """{"id": "120", "late": "x"}""",
            _ => $$"""{"id": "{{i}}"}""",
        });

        var (header, rows) = await ReadAsync(Encoding.UTF8.GetBytes(string.Join("\n", lines)));

        Assert.Equal(["id", "vote"], header);
        Assert.Equal(Enumerable.Range(1, 150).Select(i => i.ToString()), rows.Select(r => r["id"]));
        Assert.Equal("3", rows[49]["vote"]);
        Assert.False(rows[119].Cells.ContainsKey("late"));
    }

    [Fact]
    public async Task ANameGivenTwiceKeepsItsFirstValue()
    {
        var (_, rows) = await ReadAsync("""{"id": "a", "id": "b"}"""u8.ToArray());

        Assert.Equal("a", rows.Single()["id"]);
    }

    [Theory]
    [InlineData("{\"id\": 1}\n{\"id\": 2\n", "Line 2: not JSON")]
    [InlineData("{\"id\": 1}\n[1, 2]\n", "Line 2: a JSON object is expected, not array")]
    [InlineData("{\"id\": 1}\r\n\r\n\"text\"\r\n", "Line 3: a JSON object is expected, not string")]
    [InlineData("", "The file is empty")]
    [InlineData("\n\n", "The file is empty")]
    [InlineData("{}\n{}\n", "The first 2 object(s) have no fields")]
    public async Task ALineThatIsNotAnObjectFailsTheImportWithItsLine(string jsonl, string message)
    {
        var failure = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync(Encoding.UTF8.GetBytes(jsonl)));

        Assert.StartsWith(message, failure.Message);
    }

    [Fact]
    public async Task AGzipFileOfObjectsIsRead()
    {
        var jsonl = string.Concat(Enumerable.Range(0, 1_000).Select(i => $$"""{"user_id": "u{{i}}", "stars": 4}""" + "\n"));
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(jsonl));
        }

        var (_, rows) = await ReadAsync(compressed.ToArray());

        Assert.Equal(1_000, rows.Count);
        Assert.Equal(("u999", 1_000L), (rows[^1]["user_id"], rows[^1].Line));
    }

    [Fact]
    public async Task AFileThatIsOneArrayFailsSayingWhatIsExpected()
    {
        var array = "[" + string.Join(",", Enumerable.Range(0, 200_000).Select(i => $$"""{"id": "{{i}}", "note": "{{Guid.NewGuid()}}"}""")) + "]";

        var failure = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync(Encoding.UTF8.GetBytes(array)));

        Assert.StartsWith("Line 1 is longer than", failure.Message);
        Assert.Contains("one JSON object per line is expected", failure.Message);
    }

    [Fact]
    public async Task ValuesUsedAsNamesFailPastTheColumnLimit()
    {
        var lines = Enumerable.Range(0, 20).Select(i => "{" + string.Join(",", Enumerable.Range(0, 60).Select(j => $"\"sku-{i}-{j}\": 1")) + "}");

        var failure = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync(Encoding.UTF8.GetBytes(string.Join("\n", lines))));

        Assert.StartsWith("The first 17 object(s) have more than 1,000 distinct fields", failure.Message); // found as they come, not after buffering
    }

    [Fact]
    public async Task AHugeLineFailsWithItsLine()
    {
        var huge = "{\"id\": \"1\"}\n{\"id\": \"" + new string('x', CsvFile.MaxRecordChars + 10) + "\"}\n";

        var failure = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync(Encoding.UTF8.GetBytes(huge)));

        Assert.StartsWith("Line 2 is longer than", failure.Message);
    }

    private static async Task<(IReadOnlyList<string> Header, List<CsvRecord> Rows)> ReadAsync(byte[] bytes)
    {
        IReadOnlyList<string> header = [];
        var rows = new List<CsvRecord>();
        var options = new ImportOptions(ImportKind.Events, Format: FileFormat.JsonLines);
        await foreach (var row in ImportFile.ReadAsync(new MemoryStream(bytes), options, h => header = h, CancellationToken.None))
        {
            rows.Add(row);
        }

        return (header, rows);
    }
}
