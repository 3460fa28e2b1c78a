using Orleans.Concurrency;
using Platform.Domain.Events;

namespace Platform.Abstractions.Profiles;

/// <summary>
/// Delivers a tenant's committed events to its users' grains in log order. Nodes hand it each batch
/// they appended; batches that arrive ahead of a gap wait, and a gap that does not fill (a node died
/// between commit and hand-over) is read back from the log. Keyed by <see cref="GrainKeys.Feed"/>.
/// </summary>
public interface ITenantFeedGrain : IGrainWithStringKey
{
    /// <summary>The events stored at sequence numbers <paramref name="firstSeq"/>..<paramref name="lastSeq"/> (numbers of duplicates are absent).</summary>
    Task DeliverAsync(long firstSeq, long lastSeq, Immutable<IReadOnlyList<LoggedEvent>> events);
}
