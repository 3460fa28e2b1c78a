using Platform.Domain.Campaigns;
using Platform.Domain.Events;
using Platform.Domain.Modeling.Items;
using Platform.Domain.Profiles;

namespace Platform.Domain.Decisions;

/// <summary>How products are recommended to a user: from their history (the item model) or, without one, by popularity.</summary>
public enum ItemBasis
{
    /// <summary>The item model from the user's recent item interactions.</summary>
    History,

    /// <summary>Popularity in the training data, raised by the user's category affinities (a user with no item history).</summary>
    Popularity,
}

/// <summary>A product to feature for a user, its score on the basis used, and why.</summary>
public sealed record ItemPick(string ItemId, string? CategoryId, double Score, string Reason);

/// <summary>The rules around the item model's scores (docs/recommendations.md#products).</summary>
public static class ItemRanking
{
    /// <summary>
    /// The user's recent item interactions, oldest first, as training reads histories (<see cref="ItemSequences"/>): an
    /// interaction with the same item as the one before it is dropped. From the trajectory: the latest 50 events.
    /// </summary>
    public static IReadOnlyList<TrajectoryStep> History(ProfileView user)
    {
        var history = new List<TrajectoryStep>();
        foreach (var step in user.Trajectory.Where(s => s.ItemId is not null && ItemSequences.Interactions.Contains(s.Type)).OrderBy(s => s.OccurredAt).ThenBy(s => s.Seq))
        {
            if (history.Count == 0 || history[^1].ItemId != step.ItemId)
            {
                history.Add(step);
            }
        }

        return history;
    }

    /// <summary>Items the user bought, as far as the trajectory remembers.</summary>
    public static IReadOnlySet<string> Purchased(ProfileView user) =>
        user.Trajectory.Where(s => s.Type == EventType.Purchase && s.ItemId is not null).Select(s => s.ItemId!).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether an item is in a campaign's scope: listed, or in a listed category; a campaign without a scope takes every item.</summary>
    public static Func<string, string?, bool> Scope(CampaignDesign design)
    {
        if (design.ItemIds is not { Count: > 0 } && design.CategoryIds is not { Count: > 0 })
        {
            return (_, _) => true;
        }

        var items = (design.ItemIds ?? []).ToHashSet(StringComparer.Ordinal);
        var categories = (design.CategoryIds ?? []).ToHashSet(StringComparer.Ordinal);
        return (itemId, categoryId) => items.Contains(itemId) || (categoryId is not null && categories.Contains(categoryId));
    }

    /// <summary>A cold-start score: the item's popularity × (1 + the user's affinity share for its category).</summary>
    public static double PopularityScore(double popularity, ProfileView user, string? categoryId) =>
        popularity * (1 + (categoryId is null ? 0 : user.CategoryAffinities.FirstOrDefault(a => a.Key == categoryId)?.Share ?? 0));

    public static string PopularityReason(ProfileView user, string? categoryId) =>
        categoryId is not null && user.CategoryAffinities.Any(a => a.Key == categoryId && a.Share > 0)
            ? $"Popular in {categoryId}, a category this shopper likes."
            : "Among the shop's most popular items.";

    public static string HistoryReason(TrajectoryStep closest) =>
        $"Close to {closest.ItemId}, which this shopper {Verb(closest.Type)} on {closest.OccurredAt.UtcDateTime:yyyy-MM-dd}.";

    private static string Verb(EventType type) => type switch
    {
        EventType.Purchase => "bought",
        EventType.AddToCart => "put in the cart",
        EventType.Review => "reviewed",
        EventType.Click => "clicked",
        _ => "viewed",
    };
}
