using Platform.Storage.Imports;

namespace Platform.Ingestion.Imports;

/// <summary>Told after each committed batch of an import.</summary>
public delegate Task ImportProgress(ImportJobRecord job, ImportCounts soFar);
