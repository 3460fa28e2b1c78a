using Platform.Domain.Events;

namespace Platform.Domain.Modeling.Items;

/// <summary>
/// Users' item interactions in time order, items as indexes into <see cref="Items"/> (docs/models.md#item-recommendations).
/// Views, clicks, cart adds, purchases and reviews count; an interaction with the item just before it repeats nothing
/// and is dropped. Items are known from the interactions alone; a catalog only adds their category and brand.
/// </summary>
public sealed class ItemSequences
{
    public static readonly IReadOnlySet<EventType> Interactions = new HashSet<EventType> { EventType.View, EventType.Click, EventType.AddToCart, EventType.Purchase, EventType.Review };

    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<string> items = [];

    public IReadOnlyList<string> Items => items;

    public List<(string UserId, int[] Items)> Users { get; } = [];

    public int IndexOf(string itemId) => index.TryGetValue(itemId, out var i) ? i : -1;

    /// <summary>Adds one user's interactions (item ids in time order).</summary>
    public void Add(string userId, IEnumerable<string> itemIds)
    {
        var sequence = new List<int>();
        foreach (var id in itemIds)
        {
            if (!index.TryGetValue(id, out var i))
            {
                i = items.Count;
                index[id] = i;
                items.Add(id);
            }

            if (sequence.Count == 0 || sequence[^1] != i)
            {
                sequence.Add(i);
            }
        }

        if (sequence.Count > 0)
        {
            Users.Add((userId, sequence.ToArray()));
        }
    }
}
