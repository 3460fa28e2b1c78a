namespace Platform.Gateway.Operations;

public enum IngestStatus
{
    Accepted,
    Duplicate,
    Rejected,
}
