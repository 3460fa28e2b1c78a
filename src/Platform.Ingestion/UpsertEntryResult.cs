using Platform.Domain.Events;

namespace Platform.Ingestion;

/// <summary>One entry of an upsert batch: stored, or rejected with the rules it broke.</summary>
public sealed record UpsertEntryResult(int Index, string? Id, bool Accepted, IReadOnlyList<Violation> Errors);
