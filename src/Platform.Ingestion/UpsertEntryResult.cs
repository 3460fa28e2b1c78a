using Platform.Domain.Errors;

namespace Platform.Ingestion;

/// <summary>One entry of an upsert batch: stored, already stored as given, or rejected with the rules it broke.</summary>
public sealed record UpsertEntryResult(int Index, string? Id, UpsertStatus Status, IReadOnlyList<Violation> Errors)
{
    public bool IsValid => Status != UpsertStatus.Rejected;
}
