using Platform.Domain.Errors;
using Platform.Domain.Events;

namespace Platform.Ingestion;

/// <summary>
/// What became of one event of a batch: stored at a sequence number (<see cref="Stored"/> is the event as
/// stored), a duplicate, or rejected with reasons. <see cref="Notices"/> say why a stored event counts for
/// less than the sender may expect (e.g. a campaign that is not running).
/// </summary>
public sealed record IngestItemResult(
    int Index, string? EventId, IngestStatus Status, long? Sequence, IReadOnlyList<Violation> Errors, BehaviorEvent? Stored = null, IReadOnlyList<Violation>? Notices = null);
