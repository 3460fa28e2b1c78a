using Orleans.Concurrency;
using Platform.Domain.Events;

namespace Platform.Abstractions.Profiles;

/// <summary>
/// One partition of a tenant's feed (<see cref="FeedLayout"/>): delivers the committed events of its users to their grains
/// in log order. Nodes hand every partition of the append's generation its share of each batch, empty or not, so each
/// partition sees the whole range; ranges that arrive ahead of a gap wait, and a gap that does not fill (a node died
/// between commit and hand-over) is read back from the log. Keyed by <see cref="GrainKeys.Feed"/>.
/// </summary>
public interface ITenantFeedGrain : IGrainWithStringKey
{
    /// <summary>This partition's events among those stored at sequence numbers <paramref name="firstSeq"/>..<paramref name="lastSeq"/>.</summary>
    Task DeliverAsync(long firstSeq, long lastSeq, Immutable<IReadOnlyList<LoggedEvent>> events);

    /// <summary>Reads the log and delivers every committed event of this partition's generation; returns where it then stands.</summary>
    Task<FeedPartitionStatus> CatchUpAsync();

    /// <summary>Where this partition stands, without reading the log.</summary>
    Task<FeedPartitionStatus> StatusAsync();
}
