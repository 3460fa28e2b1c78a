using System.IO.Compression;
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

    [Fact]
    public async Task ADoubleColonFileIsSplitAtEachPairAndHasNoQuoting()
    {
        var dat = "2013::\"Great Performances\" Cats (1998)::Musical\n2::Dr. Strangelove or: How I Learned, Really::Comedy|War\n7:::x::\n";

        var (_, rows) = await ReadAsync(Encoding.UTF8.GetBytes(dat), ["movieId", "title", "genres"], "::");

        Assert.Equal(
            [("2013", "\"Great Performances\" Cats (1998)", "Musical"), ("2", "Dr. Strangelove or: How I Learned, Really", "Comedy|War"), ("7", ":x", null)],
            rows.Select(r => (r["movieId"], r["title"], r["genres"])));
    }

    [Fact]
    public async Task ADoubleColonFileMayHaveAHeaderLine()
    {
        var (header, rows) = await ReadAsync(Encoding.UTF8.GetBytes("userId::movieId::rating\r\n1::1193::5\r\n"), delimiter: "::");

        Assert.Equal(["userId", "movieId", "rating"], header);
        Assert.Equal([(2L, "1193", "5")], rows.Select(r => (r.Line, r["movieId"], r["rating"])));
    }

    [Theory]
    [InlineData("a:::b::c:", "a\u001F:b\u001Fc:")]
    [InlineData("::", "\u001F")]
    [InlineData(":", ":")]
    [InlineData("a: :b", "a: :b")]
    public async Task EachDelimiterIsOneSeparatorEvenWhenTheTextArrivesACharacterAtATime(string text, string expected)
    {
        using var whole = new TwoCharacterDelimiterReader(new StringReader(text), "::");
        using var trickle = new TwoCharacterDelimiterReader(new OneCharacterAtATime(text), "::");

        Assert.Equal(expected, await whole.ReadToEndAsync());
        Assert.Equal(expected, await trickle.ReadToEndAsync());
    }

    [Fact]
    public async Task ALongTextKeepsItsDelimitersAcrossTheReadersChunks()
    {
        var text = string.Concat(Enumerable.Range(0, 30_000).Select(i => $"{i}::x\n"));

        using var reader = new TwoCharacterDelimiterReader(new StringReader(text), "::");

        Assert.Equal(text.Replace("::", "\u001F"), await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task AWindows1252FileReadsItsAccentsAndEuroSign()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("id,title\n1,Mis"), 0xE9, .. Encoding.ASCII.GetBytes("rables "), 0x80, (byte)'\n'];

        var (_, asUtf8) = await ReadAsync(bytes);
        var (_, as1252) = await ReadAsync(bytes, encoding: FileEncoding.Windows1252);

        Assert.Equal("Mis\uFFFDrables \uFFFD", asUtf8.Single()["title"]);
        Assert.Equal("Misérables €", as1252.Single()["title"]);
    }

    [Fact]
    public async Task AByteOrderMarkOverridesTheEncodingNamed()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("id,title\n1,Misérables\n")).ToArray();

        var (_, rows) = await ReadAsync(bytes, encoding: FileEncoding.Windows1252);

        Assert.Equal("Misérables", rows.Single()["title"]);
    }

    [Fact]
    public async Task AGzipFileIsReadDecompressedWhateverItsName()
    {
        var text = "id,name\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"{i},name {i}\n"));

        var (header, rows) = await ReadAsync(Gzip(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(["id", "name"], header);
        Assert.Equal(5_000, rows.Count);
        Assert.Equal(("4999", 5_001L), (rows[^1]["id"], rows[^1].Line));
    }

    [Fact]
    public async Task ABrokenGzipFileFailsSayingSo()
    {
        byte[] broken = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xFF, 0xFF, 0xFF, 0xFF]; // a gzip header, then a reserved block type

        var failure = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync(broken));

        Assert.Contains("compressed (gzip or zip) but cannot be decompressed", failure.Message);
    }

    [Fact]
    public void EveryProcessChecksCompressedStreamsToTheirEnd() =>
        Assert.True(AppContext.TryGetSwitch("System.IO.Compression.UseStrictValidation", out var strict) && strict); // Directory.Build.props

    [Fact]
    public async Task AGzipFileCutShortFailsInsteadOfImportingInPart()
    {
        var text = "id,name\n" + string.Concat(Enumerable.Range(0, 50_000).Select(i => $"{i},{Guid.NewGuid()}\n"));
        var gzip = Gzip(Encoding.UTF8.GetBytes(text));

        var failure = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync(gzip[..(gzip.Length / 2)]));

        Assert.Contains("compressed (gzip or zip) but cannot be decompressed", failure.Message);
    }

    [Fact]
    public async Task AGzipBombStopsPastItsExpansionAndALargeFilePastItsSize()
    {
        var bomb = Gzip(new byte[8 << 20], CompressionLevel.SmallestSize); // 8 MiB of zeros in 8 KiB
        var text = Gzip(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 200_000).Select(i => $"{i},{Guid.NewGuid()}\n"))));

        var expanding = await Assert.ThrowsAsync<ImportFailure>(() => DrainAsync(bomb, maxBytes: 1L << 30, freeBytes: 1 << 20));
        var large = await Assert.ThrowsAsync<ImportFailure>(() => DrainAsync(text, maxBytes: 1 << 20, freeBytes: 1 << 20));

        Assert.StartsWith("The gzip file expands more than 200-fold", expanding.Message);
        Assert.StartsWith("The gzip file expands past 1 MiB", large.Message);
        Assert.Equal(8L << 20, await DrainAsync(bomb, maxBytes: 1L << 30, freeBytes: 16 << 20)); // within the free bytes
    }

    [Fact]
    public async Task AZipArchiveOfOneFileIsReadWhateverElseMacOsAddedToIt()
    {
        var archive = Zip(("events.csv", "id,name\n1,a\n"), ("__MACOSX/._events.csv", "\0\u0005"), (".DS_Store", "x"), ("folder/", ""));

        var (header, rows) = await ReadAsync(archive);

        Assert.Equal(["id", "name"], header);
        Assert.Equal("a", rows.Single()["name"]);
    }

    [Fact]
    public async Task AnArchiveOfSeveralFilesIsReadByTheEntryNamed()
    {
        var archive = Zip(("data/events.csv", "id\n1\n"), ("data/category_tree.csv", "categoryid,parentid\n1,2\n"));

        var unnamed = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync(archive));
        var (_, byPath) = await ReadAsync(archive, entry: "data/events.csv");
        var (_, byName) = await ReadAsync(archive, entry: "category_tree.csv");
        var missing = await Assert.ThrowsAsync<ImportFailure>(() => ReadAsync(archive, entry: "items.csv"));

        Assert.Equal("The zip archive holds 2 files ('data/events.csv', 'data/category_tree.csv'): name the one to import in options.entry.", unnamed.Message);
        Assert.Equal("1", byPath.Single()["id"]);
        Assert.Equal("2", byName.Single()["parentid"]);
        Assert.Equal("The zip archive holds no file 'items.csv'; it holds 'data/events.csv', 'data/category_tree.csv'.", missing.Message);
    }

    [Fact]
    public async Task AZipBombIsRefusedByItsOwnDirectory()
    {
        var bomb = Zip(("zeros.csv", new string('0', 8 << 20)));

        var failure = await Assert.ThrowsAsync<ImportFailure>(() => DrainAsync(bomb, maxBytes: 1L << 30, freeBytes: 1 << 20));

        Assert.StartsWith("The zip archive's file expands more than 200-fold", failure.Message);
    }

    private static byte[] Zip(params (string Name, string Text)[] files)
    {
        using var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                using var entry = new StreamWriter(zip.CreateEntry(name, CompressionLevel.SmallestSize).Open());
                entry.Write(text);
            }
        }

        return bytes.ToArray();
    }

    private static async Task<long> DrainAsync(byte[] gzip, long maxBytes, long freeBytes)
    {
        await using var text = await FileDecompression.OpenAsync(new MemoryStream(gzip), entry: null, CancellationToken.None, DecompressionBounds.Default with { MaxBytes = maxBytes, FreeBytes = freeBytes });
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await text.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x1F })]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03 })]
    [InlineData(new byte[] { (byte)'i', (byte)'d', (byte)'\n', (byte)'7', (byte)'\n' })]
    public async Task FilesThatAreNotGzipPassThroughUnchanged(byte[] bytes)
    {
        await using var text = await FileDecompression.OpenAsync(new MemoryStream(bytes), entry: null, CancellationToken.None);
        var copy = new MemoryStream();
        await text.CopyToAsync(copy);

        Assert.Equal(bytes, copy.ToArray());
    }

    private static byte[] Gzip(byte[] bytes, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, level, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return compressed.ToArray();
    }

    private static async Task<(IReadOnlyList<string> Header, List<CsvRecord> Rows)> ReadAsync(
        byte[] bytes, IReadOnlyList<string>? columnNames = null, string delimiter = ",", FileEncoding encoding = FileEncoding.Utf8, string? entry = null)
    {
        IReadOnlyList<string> header = [];
        var rows = new List<CsvRecord>();
        var options = new ImportOptions(ImportKind.Events, delimiter, ColumnNames: columnNames, Encoding: encoding, Entry: entry);
        await foreach (var row in CsvFile.ReadAsync(new MemoryStream(bytes), options, h => header = h, CancellationToken.None))
        {
            rows.Add(row);
        }

        return (header, rows);
    }

    /// <summary>A reader that hands out one character per read, as a slow stream may.</summary>
    private sealed class OneCharacterAtATime(string text) : TextReader
    {
        private int next;

        public override int Read(Span<char> buffer)
        {
            if (next == text.Length || buffer.IsEmpty)
            {
                return 0;
            }

            buffer[0] = text[next++];
            return 1;
        }

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));
    }
}
