namespace Platform.Ingestion;

public sealed record UpsertOutcome(IReadOnlyList<UpsertEntryResult> Results)
{
    public int Accepted => Results.Count(r => r.Status == UpsertStatus.Accepted);

    public int Unchanged => Results.Count(r => r.Status == UpsertStatus.Unchanged);

    public int Rejected => Results.Count(r => r.Status == UpsertStatus.Rejected);
}
