using Platform.Abstractions;
using Platform.Abstractions.Tenants;
using Platform.Domain.Catalog;
using Platform.Domain.Events;
using Platform.Domain.Shoppers;
using Platform.Gateway.Auth;
using Platform.Gateway.GraphQL.Execution;
using Platform.Grains.Profiles;
using Platform.Storage.Catalog;
using Platform.Storage.Shoppers;

namespace Platform.Gateway.Operations;

/// <summary>Shopper attributes, the tenant's attribute schema and the catalog, written in validated batches.</summary>
public sealed class ShopperData(
    ShopperStore shoppers,
    CatalogStore catalog,
    CatalogCache catalogCache,
    TenantDirectory tenants,
    IGrainFactory grains)
{
    public const int MaxBatch = EventRules.MaxBatch;

    public async Task<UpsertOutcome> UpsertUsersAsync(string tenantId, IReadOnlyList<ShopperDraft> drafts, CancellationToken cancellationToken)
    {
        RequireBatchSize("users", drafts.Count);
        var tenant = await tenants.FindAsync(tenantId) ?? throw new NotFoundError("tenant", tenantId);
        var (results, valid) = Validate(drafts, d => d.UserId, d => ShopperValidator.Validate(d, tenant.AttributeSchema));
        await shoppers.UpsertAsync(tenantId, valid, cancellationToken);
        return new UpsertOutcome(results);
    }

    public async Task<UpsertOutcome> UpsertItemsAsync(string tenantId, IReadOnlyList<ItemDraft> drafts, CancellationToken cancellationToken)
    {
        RequireBatchSize("items", drafts.Count);
        var (results, valid) = Validate(drafts, d => d.ItemId, ItemValidator.Validate);
        await catalog.UpsertAsync(tenantId, valid, cancellationToken);
        catalogCache.Invalidate(tenantId);
        return new UpsertOutcome(results);
    }

    public async Task<TenantInfo> SetAttributeSchemaAsync(string tenantId, IReadOnlyList<AttributeDefinition> schema)
    {
        if (AttributeSchemaRules.Validate(schema) is [var first, ..])
        {
            throw new InputError(first.Field, first.Message.TrimEnd('.'));
        }

        var tenant = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId)).SetAttributeSchemaAsync(schema)
            ?? throw new NotFoundError("tenant", tenantId);
        tenants.Remember(tenant);
        return tenant;
    }

    private static void RequireBatchSize(string field, int count)
    {
        if (count > MaxBatch)
        {
            throw new InputError(field, $"must hold at most {MaxBatch} entries per call");
        }
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
