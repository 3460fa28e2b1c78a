using System.Collections.Concurrent;
using Platform.Domain.Profiles;
using Platform.Storage.Catalog;

namespace Platform.Grains.Profiles;

/// <summary>
/// Each node keeps every tenant's catalog facts in memory for profile folding, reloaded by the next reader
/// once older than <see cref="MaxAge"/>. Tenants with more than <see cref="MaxItems"/> items get the
/// first ones by id only (documented limit; events still carry their own categoryId).
/// </summary>
public sealed class CatalogCache(CatalogStore store, TimeProvider clock)
{
    public const int MaxItems = 200_000;
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Lazy<Task<Snapshot>>> snapshots = new(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, ItemFacts>> FactsAsync(string tenantId)
    {
        var entry = snapshots.GetOrAdd(tenantId, Load);
        Snapshot snapshot;
        try
        {
            snapshot = await entry.Value;
        }
        catch
        {
            snapshots.TryRemove(KeyValuePair.Create(tenantId, entry)); // do not keep a failed load
            throw;
        }

        if (clock.GetUtcNow() - snapshot.LoadedAt > MaxAge)
        {
            snapshots.TryUpdate(tenantId, Load(tenantId), entry); // the next reader gets the fresh copy
        }

        return snapshot.Facts;
    }

    /// <summary>Forgets a tenant's facts so the next reader loads them again (after upserts on this node).</summary>
    public void Invalidate(string tenantId) => snapshots.TryRemove(tenantId, out _);

    private Lazy<Task<Snapshot>> Load(string tenantId) =>
        new(async () => new Snapshot(await store.LoadFactsAsync(tenantId, MaxItems), clock.GetUtcNow()));

    private sealed record Snapshot(IReadOnlyDictionary<string, ItemFacts> Facts, DateTimeOffset LoadedAt);
}
