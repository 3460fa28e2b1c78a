namespace Platform.Ingestion;

public enum IngestStatus
{
    Accepted,
    Duplicate,
    Rejected,
}
