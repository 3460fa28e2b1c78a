namespace Platform.Ingestion;

/// <summary>
/// The shoppers an events import folds itself once every batch is in, each with the number of its events the import
/// appended (docs/imports.md#history-and-profiles). A shopper whose events of a batch went to its grain instead leaves the
/// plan: its grain replays the log, earlier batches included.
/// </summary>
public sealed class FoldPlan
{
    private readonly Dictionary<string, int> users = new(StringComparer.Ordinal);

    public int Count => users.Count;

    /// <summary>The events of this shopper the import appended and will fold (0 when the shopper is not in the plan).</summary>
    public int EventsOf(string userId) => users.GetValueOrDefault(userId);

    /// <summary>Records a batch: its deferred shoppers add their events; its other shoppers leave the plan.</summary>
    public void Record(IReadOnlyDictionary<string, int> batchEvents, IReadOnlySet<string> deferred)
    {
        foreach (var (user, events) in batchEvents)
        {
            if (deferred.Contains(user))
            {
                users[user] = users.GetValueOrDefault(user) + events;
            }
            else
            {
                users.Remove(user);
            }
        }
    }

    /// <summary>The shoppers in chunks of at most <paramref name="maxUsers"/> shoppers and, unless one shopper has more alone, <paramref name="maxEvents"/> events.</summary>
    public IEnumerable<string[]> Chunks(int maxUsers, int maxEvents)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUsers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvents, 1);
        return ChunksOf(maxUsers, maxEvents);
    }

    private IEnumerable<string[]> ChunksOf(int maxUsers, int maxEvents)
    {
        var chunk = new List<string>();
        var events = 0;
        foreach (var (user, count) in users)
        {
            if (chunk.Count > 0 && (chunk.Count == maxUsers || events + count > maxEvents))
            {
                yield return [.. chunk];
                chunk.Clear();
                events = 0;
            }

            chunk.Add(user);
            events += count;
        }

        if (chunk.Count > 0)
        {
            yield return [.. chunk];
        }
    }
}
