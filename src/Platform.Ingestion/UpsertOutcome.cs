namespace Platform.Ingestion;

public sealed record UpsertOutcome(IReadOnlyList<UpsertEntryResult> Results)
{
    public int Accepted => Results.Count(r => r.Accepted);

    public int Rejected => Results.Count(r => !r.Accepted);
}
