using Platform.Domain.Events;
using Platform.Domain.Modeling;

namespace Platform.Domain.Decisions;

/// <summary>
/// The users a forecast's drivers are computed over (docs/forecasts.md#drivers): the <see cref="Size"/> users of the
/// audience with the smallest hash of their id (<see cref="FeedLayout.HashOf"/>, ties by id). The same users whatever
/// order the audience is read in, and spread over the whole audience rather than its first ids.
/// </summary>
public sealed class DriverSample
{
    public const int Size = 200;

    private static readonly Comparer<(uint Hash, string UserId)> Ascending = Comparer<(uint Hash, string UserId)>.Create(Compare);

    // The largest kept key on top, so a smaller one replaces it.
    private readonly PriorityQueue<IReadOnlyDictionary<string, FeatureValue>, (uint Hash, string UserId)> kept =
        new(Comparer<(uint Hash, string UserId)>.Create((a, b) => Compare(b, a)));

    public void Offer(string userId, IReadOnlyDictionary<string, FeatureValue> features)
    {
        var key = (FeedLayout.HashOf(userId), userId);
        if (kept.Count < Size)
        {
            kept.Enqueue(features, key);
        }
        else if (kept.TryPeek(out _, out var largest) && Compare(key, largest) < 0)
        {
            kept.DequeueEnqueue(features, key);
        }
    }

    /// <summary>The kept users' features, smallest hash first.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, FeatureValue>> Users() =>
        kept.UnorderedItems.OrderBy(item => item.Priority, Ascending).Select(item => item.Element).ToList();

    private static int Compare((uint Hash, string UserId) a, (uint Hash, string UserId) b) =>
        a.Hash != b.Hash ? a.Hash.CompareTo(b.Hash) : string.CompareOrdinal(a.UserId, b.UserId);
}
