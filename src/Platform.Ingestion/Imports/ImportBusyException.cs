namespace Platform.Ingestion.Imports;

/// <summary>
/// Another worker runs the import (it holds its <see cref="Platform.Storage.Imports.ImportLease"/>): this run of the job
/// stops without touching it, and Hangfire tries the job again later, when the import has ended (nothing to do) or
/// its worker has died (the import is run again).
/// </summary>
public sealed class ImportBusyException(Guid importId)
    : Exception($"Import {importId} is being run by another worker; the job is tried again later.");
