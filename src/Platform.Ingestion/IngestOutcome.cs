namespace Platform.Ingestion;

public sealed record IngestOutcome(IReadOnlyList<IngestItemResult> Results)
{
    public int Accepted => Results.Count(r => r.Status == IngestStatus.Accepted);

    public int Duplicates => Results.Count(r => r.Status == IngestStatus.Duplicate);

    public int Rejected => Results.Count(r => r.Status == IngestStatus.Rejected);
}
