using Platform.Domain.Imports;

namespace Platform.Ingestion.Imports;

/// <summary>The records of an uploaded file, read as its options' format says.</summary>
public static class ImportFile
{
    public static IAsyncEnumerable<CsvRecord> ReadAsync(Stream file, ImportOptions options, Action<IReadOnlyList<string>> onHeader, CancellationToken cancellationToken) =>
        options.Format switch
        {
            FileFormat.JsonLines => JsonLinesFile.ReadAsync(file, options, onHeader, cancellationToken),
            FileFormat.Excel => ExcelFile.ReadAsync(file, options, onHeader, cancellationToken),
            _ => CsvFile.ReadAsync(file, options, onHeader, cancellationToken),
        };
}
