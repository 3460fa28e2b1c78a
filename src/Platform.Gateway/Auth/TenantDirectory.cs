using System.Collections.Concurrent;
using Platform.Abstractions;
using Platform.Abstractions.Tenants;

namespace Platform.Gateway.Auth;

/// <summary>
/// Per-node cache of tenant records for request admission (existence and rate limit). Only tenants that
/// exist are cached, so a tenant created on another node is usable here at once.
/// </summary>
public sealed class TenantDirectory(IGrainFactory grains, TimeProvider clock)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, (TenantInfo Tenant, DateTimeOffset ExpiresAt)> cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The tenant, or null when it does not exist. When its grain cannot answer (its state unreadable while the database
    /// restarts) the last record this node saw is used however old, so known tenants keep being admitted; else it throws.
    /// </summary>
    public async ValueTask<TenantInfo?> FindAsync(string tenantId)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(tenantId, out var entry) && entry.ExpiresAt > now)
        {
            return entry.Tenant;
        }

        TenantInfo? tenant;
        try
        {
            tenant = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId)).GetAsync();
        }
        catch (Exception) when (entry.Tenant is not null)
        {
            cache[tenantId] = (entry.Tenant, now + CacheLifetime); // asked again after the lifetime, not on every request
            return entry.Tenant;
        }

        if (tenant is not null)
        {
            cache[tenantId] = (tenant, now + CacheLifetime);
        }

        return tenant;
    }

    public void Remember(TenantInfo tenant) => cache[tenant.Id] = (tenant, clock.GetUtcNow() + CacheLifetime);
}
