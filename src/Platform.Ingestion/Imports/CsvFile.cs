using System.Runtime.CompilerServices;
using System.Text;
using Platform.Domain.Imports;
using Sylvan.Data.Csv;

namespace Platform.Ingestion.Imports;

/// <summary>
/// Streams the records of an uploaded CSV file (UTF-8 or the encoding the options name, a byte-order mark overriding it;
/// quoted fields, CRLF or LF; a file delimited by "::" has no quoting).
/// A record longer than <see cref="MaxRecordChars"/> or broken quoting fails the import with the line (records are
/// numbered as lines with the header as line 1, as rejections are), instead of exhausting memory. With column names
/// given, the file has no header line: its first line is data, and line 1.
/// </summary>
public static class CsvFile
{
    public const int MaxRecordChars = 4 * 1024 * 1024;

    public static async IAsyncEnumerable<CsvRecord> ReadAsync(
        Stream file, ImportOptions options, Action<IReadOnlyList<string>> onHeader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var columnNames = options.ColumnNames;
        var hasHeader = columnNames is null;
        var headerLines = hasHeader ? 1 : 0; // RowNumber counts data rows; a header is line 1
        var text = await OpenTextAsync(file, options, cancellationToken);
        var unquoted = options.Delimiter.Length == 2;
        if (unquoted)
        {
            text = new TwoCharacterDelimiterReader(text, options.Delimiter);
        }

        using var disposeText = text;
        CsvDataReader reader;
        try
        {
            reader = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions
            {
                HasHeaders = hasHeader,
                Delimiter = unquoted ? TwoCharacterDelimiterReader.Separator : options.Delimiter[0],
                Quote = unquoted ? '\0' : '"', // a "::" file has no quoting: a quote is text
                Comment = '\0', // a '#' at the start of a line is data
                BufferSize = 64 * 1024,
                MaxBufferSize = MaxRecordChars,
                HeaderComparer = StringComparer.Ordinal,
            }, cancellationToken);
        }
        catch (CsvRecordTooLargeException)
        {
            throw new ImportFailure($"The header line or the first row is longer than {MaxRecordChars} characters: is a quote left open?");
        }
        catch (CsvMissingHeadersException)
        {
            throw new ImportFailure("The file is empty: a header line with column names is expected.");
        }
        catch (InvalidDataException exception)
        {
            throw BrokenCompression(1, exception);
        }

        await using (reader)
        {
            var header = columnNames?.ToList() ?? Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).Trim()).ToList();
            if (header.Count == 0 || header.All(string.IsNullOrEmpty))
            {
                throw new ImportFailure("The file is empty: a header line with column names is expected.");
            }

            var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new ImportFailure($"The header names column '{duplicate.Key}' twice.");
            }

            onHeader(header);
            while (await ReadAsync(reader, headerLines, cancellationToken))
            {
                var cells = new Dictionary<string, string?>(header.Count, StringComparer.Ordinal);
                for (var i = 0; i < header.Count; i++)
                {
                    cells[header[i]] = i < reader.RowFieldCount ? reader.GetString(i) : null;
                }

                yield return new CsvRecord(reader.RowNumber + headerLines, cells);
            }
        }
    }

    /// <summary>The file as text: decompressed if it is gzip or a zip archive, decoded as the options say unless a byte-order mark says otherwise.</summary>
    public static async Task<TextReader> OpenTextAsync(Stream file, ImportOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return new StreamReader(await FileDecompression.OpenAsync(file, options.Entry, cancellationToken), TextEncoding(options.Encoding), detectEncodingFromByteOrderMarks: true);
        }
        catch (InvalidDataException exception)
        {
            throw new ImportFailure($"The file is a damaged zip archive ({exception.Message}).");
        }
    }

    public static ImportFailure BrokenCompression(long line, InvalidDataException exception) =>
        new($"Near line {line}: the file is compressed (gzip or zip) but cannot be decompressed ({exception.Message}); is it cut short?");

    private static Encoding TextEncoding(FileEncoding encoding) => encoding switch
    {
        FileEncoding.Windows1252 => CodePagesEncodingProvider.Instance.GetEncoding(1252)!,
        _ => new UTF8Encoding(false),
    };

    private static async Task<bool> ReadAsync(CsvDataReader reader, int headerLines, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken);
        }
        catch (CsvRecordTooLargeException)
        {
            throw new ImportFailure($"Line {reader.RowNumber + headerLines} is longer than {MaxRecordChars} characters: is a quote left open?");
        }
        catch (CsvFormatException exception)
        {
            throw new ImportFailure($"Line {exception.RowNumber + headerLines}: malformed CSV ({exception.Message}).");
        }
        catch (InvalidDataException exception)
        {
            throw BrokenCompression(reader.RowNumber + headerLines, exception);
        }
    }
}
