using Platform.Domain.Audiences;
using Platform.Domain.Decisions;
using Platform.Domain.Errors;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Serving;
using Platform.Grains.Profiles;
using Platform.ML.Items;
using Platform.Storage.Campaigns;
using static TorchSharp.torch;

namespace Platform.Gateway.Operations;

/// <summary>Products to feature for a user, the ITEMS version that chose them, and on what basis.</summary>
public sealed record ItemRecommendations(string UserId, Guid ModelVersionId, ItemBasis Basis, IReadOnlyList<ItemPick> Items);

/// <summary>
/// Products for a user from the tenant's ACTIVE ITEMS version and the live profile (docs/recommendations.md#products): the
/// items that follow the user's recent item history, or for a user without one the popular items of their favourite
/// categories; within a campaign's scope when one is named; without what they bought, unless asked.
/// </summary>
public sealed class ItemRecommendationService(ActiveModels<ItemModel> models, UserSnapshots snapshots, CatalogCache catalog, CampaignStore campaigns)
{
    public const int DefaultFirst = 10;
    public const int MaxFirst = 50;

    public async Task<ItemRecommendations> RecommendAsync(
        string tenantId, string userId, int? first, string? campaignId, bool excludePurchased, CancellationToken cancellationToken)
    {
        ApiError.RequireId("userId", userId);
        var count = first ?? DefaultFirst;
        if (count is < 1 or > MaxFirst)
        {
            throw ApiError.Invalid("first", "out_of_range", $"first must be between 1 and {MaxFirst}.");
        }

        var scope = campaignId is null ? null
            : (await campaigns.GetAsync(tenantId, ApiError.RequireId("campaignId", campaignId), cancellationToken) ?? throw ApiError.NotFound("campaign", campaignId)).Design;
        using var lease = await models.RequireAsync(tenantId, cancellationToken);
        var model = lease.Model;
        var view = (await snapshots.LoadAsync(tenantId, [userId], SnapshotParts.ProfileAndAttributes, cancellationToken))[0].Snapshot.View;
        var facts = await catalog.FactsAsync(tenantId);
        string? CategoryOf(string itemId) => facts.GetValueOrDefault(itemId)?.CategoryId;

        // As the model was measured: items the user interacted with are not recommended again (nor, unless asked, bought ones).
        var history = ItemRanking.History(view).Where(s => model.IndexOf(s.ItemId!) >= 0).TakeLast(model.Hyperparameters.History).ToList();
        var seen = history.Select(s => model.IndexOf(s.ItemId!)).ToHashSet();
        var purchased = excludePurchased ? ItemRanking.Purchased(view) : new HashSet<string>();
        var inScope = scope is null ? (_, _) => true : ItemRanking.Scope(scope);
        var candidates = Enumerable.Range(0, model.Items.Count)
            .Where(i => !seen.Contains(i) && !purchased.Contains(model.Items[i]) && inScope(model.Items[i], CategoryOf(model.Items[i])))
            .ToList();

        if (history.Count > 0)
        {
            var scores = model.Scores([history.Select(s => model.IndexOf(s.ItemId!)).ToArray()], CPU).First();
            var picks = candidates.OrderByDescending(i => scores[i]).ThenBy(i => model.Items[i], StringComparer.Ordinal).Take(count)
                .Select(i => new ItemPick(model.Items[i], CategoryOf(model.Items[i]), scores[i],
                    ItemRanking.HistoryReason(history.MaxBy(s => model.Similarity(i, model.IndexOf(s.ItemId!)))!)))
                .ToList();
            return new ItemRecommendations(userId, lease.VersionId, ItemBasis.History, picks);
        }

        var popularity = model.Popularity
            ?? throw ApiError.Refused(ErrorCodes.NotFound, "The ACTIVE ITEMS version was trained before versions kept popularity, which a shopper without a history needs: retrain with trainModels(task: ITEMS).");
        var popular = candidates
            .Select(i => (Item: i, Category: CategoryOf(model.Items[i])))
            .Select(x => (x.Item, x.Category, Score: ItemRanking.PopularityScore(popularity[x.Item], view, x.Category)))
            .OrderByDescending(x => x.Score).ThenBy(x => model.Items[x.Item], StringComparer.Ordinal).Take(count)
            .Select(x => new ItemPick(model.Items[x.Item], x.Category, x.Score, ItemRanking.PopularityReason(view, x.Category)))
            .ToList();
        return new ItemRecommendations(userId, lease.VersionId, ItemBasis.Popularity, popular);
    }
}
