using Platform.Domain.Events;

namespace Platform.Storage.Events;

/// <summary>
/// What an append did: it took the sequence numbers <see cref="FirstSeq"/>..<see cref="LastSeq"/> (one per
/// event sent) and stored some events at them; positions not in <see cref="StoredAt"/> were duplicates of
/// events already in the log (or earlier in the batch), and their numbers stay unused. <see cref="Feed"/> is the layout
/// of the tenant's feed these numbers belong to.
/// </summary>
public sealed record AppendResult(long FirstSeq, long LastSeq, IReadOnlyDictionary<int, long> StoredAt, FeedLayout Feed)
{
    public bool WasStored(int position) => StoredAt.ContainsKey(position);
}
