using Platform.Domain.Catalog;
using Platform.Domain.Events;
using Platform.Domain.Shoppers;
using Platform.Storage.Catalog;
using Platform.Storage.Shoppers;

namespace Platform.Ingestion;

/// <summary>Validated batch writes of shopper attributes and catalog items; used by the API and by imports.</summary>
public sealed class ShopperWrites(ShopperStore shoppers, CatalogStore catalog)
{
    public async Task<UpsertOutcome> UpsertUsersAsync(
        string tenantId, IReadOnlyList<AttributeDefinition> schema, IReadOnlyList<ShopperDraft> drafts, TagMerge tags, CancellationToken cancellationToken)
    {
        var (results, valid) = Validate(drafts, d => d.UserId, d => ShopperValidator.Validate(d, schema));
        await shoppers.UpsertAsync(tenantId, valid, tags, cancellationToken);
        return new UpsertOutcome(results);
    }

    public async Task<UpsertOutcome> UpsertItemsAsync(string tenantId, IReadOnlyList<ItemDraft> drafts, CancellationToken cancellationToken)
    {
        var (results, valid) = Validate(drafts, d => d.ItemId, ItemValidator.Validate);
        await catalog.UpsertAsync(tenantId, valid, cancellationToken);
        return new UpsertOutcome(results);
    }

    private static (UpsertEntryResult[] Results, List<TValid> Valid) Validate<TDraft, TValid>(
        IReadOnlyList<TDraft> drafts, Func<TDraft, string?> id, Func<TDraft, (TValid? Valid, IReadOnlyList<Violation> Violations)> validate)
        where TValid : class
    {
        var results = new UpsertEntryResult[drafts.Count];
        var valid = new List<TValid>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var (ok, violations) = validate(drafts[i]);
            results[i] = new UpsertEntryResult(i, id(drafts[i]), ok is not null, violations);
            if (ok is not null)
            {
                valid.Add(ok);
            }
        }

        return (results, valid);
    }
}
