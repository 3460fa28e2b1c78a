using Platform.Domain.Profiles;
using Platform.Storage;
using Platform.Storage.Catalog;

namespace Platform.Grains.Profiles;

/// <summary>
/// Each node keeps every tenant's catalog facts in memory for profile folding, reloaded by the next reader
/// once older than <see cref="MaxAge"/>. Tenants with more than <see cref="MaxItems"/> items get the
/// first ones by id only (documented limit; events still carry their own categoryId).
/// </summary>
public sealed class CatalogCache(CatalogStore store, TimeProvider clock)
{
    public const int MaxItems = CatalogStore.FoldingFactsLimit;
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private readonly TenantCache<IReadOnlyDictionary<string, ItemFacts>> facts =
        new((tenantId, cancellationToken) => store.LoadFactsAsync(tenantId, MaxItems, cancellationToken), MaxAge, clock);

    public Task<IReadOnlyDictionary<string, ItemFacts>> FactsAsync(string tenantId) => facts.GetAsync(tenantId);

    /// <summary>Forgets a tenant's facts so the next reader loads them again (after upserts on this node).</summary>
    public void Invalidate(string tenantId) => facts.Invalidate(tenantId);
}
