using System.Runtime.CompilerServices;
using System.Text.Json;
using Platform.Domain.Imports;
using Sylvan.Data.Csv;

namespace Platform.Ingestion.Imports;

/// <summary>
/// Streams the records of a JSON Lines file (docs/imports.md#json-lines-files): one JSON object per line, whose top-level
/// fields are the columns: those of the first <see cref="HeaderObjects"/> objects (fewer when they are long), in the order
/// they first appear (a field that only later objects have is ignored; one an object lacks is empty), at most
/// <see cref="ImportOptionsRules.MaxColumnNames"/>. Strings are read as written, numbers as their text (<c>5.0</c> stays <c>5.0</c>), booleans as true or
/// false, null as empty, and an object or array as its JSON text (an events file's <c>properties</c>). Blank lines are
/// skipped; a line that is not a JSON object fails the import with its line, as malformed CSV does.
/// </summary>
public static class JsonLinesFile
{
    /// <summary>A character that JSON text cannot hold unescaped, so that the line splitter never splits a line.</summary>
    private const char NoDelimiter = '\u001F';

    /// <summary>How many objects name the columns: optional fields (a review's vote count) are missing from some.</summary>
    public const int HeaderObjects = 100;

    /// <summary>Fewer objects name them when these are long: the objects wait in memory until the columns are known.</summary>
    private const long MaxHeaderChars = 16 * 1024 * 1024;

    public static async IAsyncEnumerable<CsvRecord> ReadAsync(
        Stream file, ImportOptions options, Action<IReadOnlyList<string>> onHeader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = await CsvFile.OpenTextAsync(file, options, cancellationToken);
        // The CSV reader splits the lines (LF, CRLF or CR) and bounds their length; with no delimiter or quote that JSON
        // text can hold, each line is one field.
        CsvDataReader lines;
        try
        {
            lines = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions
            {
                HasHeaders = false,
                Delimiter = NoDelimiter,
                Quote = '\0',
                Comment = '\0',
                BufferSize = 64 * 1024,
                MaxBufferSize = CsvFile.MaxRecordChars,
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is CsvRecordTooLargeException or InvalidDataException)
        {
            throw Unreadable(exception, 1); // the first line is read here: a whole file sent as one JSON array, or pretty-printed
        }

        await using (lines)
        {
            var first = new List<(long Line, Dictionary<string, string?> Fields)>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            long buffered = 0;
            List<string>? header = null;
            while (await NextLineAsync(lines, cancellationToken))
            {
                var line = lines.RowNumber;
                var json = lines.GetString(0);
                if (string.IsNullOrWhiteSpace(json))
                {
                    continue;
                }

                var fields = Fields(json, line);
                if (header is not null)
                {
                    yield return Record(header, line, fields);
                    continue;
                }

                first.Add((line, fields));
                names.UnionWith(fields.Keys);
                if (names.Count > ImportOptionsRules.MaxColumnNames)
                {
                    throw new ImportFailure($"The first {first.Count} object(s) have more than {ImportOptionsRules.MaxColumnNames:N0} distinct fields, the most columns a file may have: are values used as names (a field per product)?");
                }

                buffered += json.Length;
                if (first.Count < HeaderObjects && buffered < MaxHeaderChars)
                {
                    continue;
                }

                header = Header(first, onHeader);
                foreach (var (firstLine, firstFields) in first)
                {
                    yield return Record(header, firstLine, firstFields);
                }

                first.Clear();
            }

            header ??= Header(first, onHeader); // a file of fewer objects than name the columns
            foreach (var (firstLine, firstFields) in first)
            {
                yield return Record(header, firstLine, firstFields);
            }
        }
    }

    private static List<string> Header(List<(long Line, Dictionary<string, string?> Fields)> first, Action<IReadOnlyList<string>> onHeader)
    {
        List<string> header = [.. first.SelectMany(o => o.Fields.Keys).Distinct(StringComparer.Ordinal)];
        if (header.Count == 0)
        {
            throw new ImportFailure(first.Count == 0
                ? "The file is empty: one JSON object per line is expected."
                : $"The first {first.Count} object(s) have no fields to name the columns.");
        }

        onHeader(header);
        return header;
    }

    private static CsvRecord Record(List<string> header, long line, Dictionary<string, string?> fields)
    {
        var cells = new Dictionary<string, string?>(header.Count, StringComparer.Ordinal);
        foreach (var name in header)
        {
            cells[name] = fields.GetValueOrDefault(name);
        }

        return new CsvRecord(line, cells);
    }

    /// <summary>The object's top-level fields as cells; a name given twice keeps its first value, as a column named twice would not be read.</summary>
    private static Dictionary<string, string?> Fields(string json, long line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new ImportFailure($"Line {line}: not JSON ({exception.Message}).");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ImportFailure($"Line {line}: a JSON object is expected, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
            }

            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields.TryAdd(property.Name, Cell(property.Value));
            }

            return fields;
        }
    }

    private static string? Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(), // a number as written; an object or array as JSON text
    };

    private static async Task<bool> NextLineAsync(CsvDataReader lines, CancellationToken cancellationToken)
    {
        try
        {
            return await lines.ReadAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is CsvRecordTooLargeException or InvalidDataException or CsvFormatException)
        {
            throw Unreadable(exception, lines.RowNumber);
        }
    }

    private static ImportFailure Unreadable(Exception exception, long line) => exception switch
    {
        CsvRecordTooLargeException => new($"Line {line} is longer than {CsvFile.MaxRecordChars} characters: one JSON object per line is expected, not a file that is one array or pretty-printed."),
        InvalidDataException broken => CsvFile.BrokenCompression(line, broken),
        _ => new($"Line {line}: not JSON ({exception.Message})."),
    };
}
