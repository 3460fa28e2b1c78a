namespace Platform.Ingestion.Imports;

/// <summary>An import that cannot go on (unreadable file, missing columns): the job fails with this message.</summary>
public sealed class ImportFailure(string message) : Exception(message);
