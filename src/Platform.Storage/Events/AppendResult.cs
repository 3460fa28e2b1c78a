namespace Platform.Storage.Events;

/// <summary>
/// What an append stored: the sequence number of each newly stored event by its position in the batch;
/// positions not listed were duplicates of events already in the log (or earlier in the batch).
/// </summary>
public sealed record AppendResult(IReadOnlyDictionary<int, long> StoredAt)
{
    public bool WasStored(int position) => StoredAt.ContainsKey(position);
}
