using Platform.Domain.Events;

namespace Platform.Ingestion;

/// <summary>What became of one event of a batch: stored at a sequence number, a duplicate, or rejected with reasons.</summary>
public sealed record IngestItemResult(int Index, string? EventId, IngestStatus Status, long? Sequence, IReadOnlyList<Violation> Errors);
