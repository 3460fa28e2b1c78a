using Platform.Domain.Events;
using Platform.Domain.Modeling.Items;

namespace Platform.Simulation;

/// <summary>The simulated shop's item interactions, as the item recommender trains on them. Used by the model tests.</summary>
public static class SimulatedItemData
{
    public static ItemSequences Sequences(SimulatedWorld world, int users)
    {
        var sequences = new ItemSequences();
        foreach (var story in Enumerable.Range(0, users).AsParallel().AsOrdered().Select(world.Story))
        {
            var events = story.Events.Select(e => EventValidator.Validate(e, world.Options.Clock, TimeSpan.FromDays(3650)).Event).OfType<BehaviorEvent>();
            sequences.Add(story.User.Id, events.Where(e => e.ItemId is not null && ItemSequences.Interactions.Contains(e.Type)).OrderBy(e => e.OccurredAt).Select(e => e.ItemId!));
        }

        return sequences;
    }

    /// <summary>Each item's category (its leaf) and brand.</summary>
    public static Func<string, (string? Category, string? Brand)> Facts(SimulatedWorld world)
    {
        var items = world.Items.ToDictionary(i => i.Id, i => ((string?)i.CategoryPath[^1], (string?)i.Brand), StringComparer.Ordinal);
        return id => items.GetValueOrDefault(id);
    }
}
