using System.Collections.Concurrent;

namespace Platform.Storage;

/// <summary>
/// A per-tenant, per-node copy of something loaded from PostgreSQL, reloaded by the next reader once older
/// than the given age (readers meanwhile get the current copy). A failed load is not kept.
/// </summary>
public sealed class TenantCache<T>(Func<string, CancellationToken, Task<T>> load, TimeSpan maxAge, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Entry>>> entries = new(StringComparer.Ordinal);

    public async Task<T> GetAsync(string tenantId)
    {
        var lazy = entries.GetOrAdd(tenantId, Load);
        Entry entry;
        try
        {
            entry = await lazy.Value;
        }
        catch
        {
            entries.TryRemove(KeyValuePair.Create(tenantId, lazy));
            throw;
        }

        if (clock.GetUtcNow() - entry.LoadedAt > maxAge)
        {
            entries.TryUpdate(tenantId, Load(tenantId), lazy);
        }

        return entry.Value;
    }

    /// <summary>Forgets a tenant's copy so the next reader loads it again (after a change made on this node).</summary>
    public void Invalidate(string tenantId) => entries.TryRemove(tenantId, out _);

    private Lazy<Task<Entry>> Load(string tenantId) =>
        new(async () => new Entry(await load(tenantId, CancellationToken.None), clock.GetUtcNow()));

    private sealed record Entry(T Value, DateTimeOffset LoadedAt);
}
