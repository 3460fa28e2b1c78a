using System.Collections.Concurrent;
using Platform.Abstractions;
using Platform.Abstractions.Tenants;

namespace Platform.Gateway.Auth;

/// <summary>
/// Per-node cache of tenant records for request admission (existence and rate limit). Only tenants that
/// exist are cached, so a tenant created on another node is usable here at once. A tenant this node has never seen
/// whose grain cannot answer is refused for <see cref="FailureLifetime"/> without asking again, so a client retrying
/// during a database outage does not make every request try to activate the grain.
/// </summary>
public sealed class TenantDirectory(IGrainFactory grains, TimeProvider clock)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan FailureLifetime = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (TenantInfo Tenant, DateTimeOffset ExpiresAt)> cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Exception Failure, DateTimeOffset RetryAt)> failures = new(StringComparer.Ordinal);

    /// <summary>
    /// The tenant, or null when it does not exist. When its grain cannot answer (its state unreadable while the database
    /// restarts) the last record this node saw is used however old, so known tenants keep being admitted; else it throws,
    /// and throws <see cref="TenantUnreadableException"/> without asking again until <see cref="FailureLifetime"/> has passed.
    /// </summary>
    public async ValueTask<TenantInfo?> FindAsync(string tenantId)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(tenantId, out var entry) && entry.ExpiresAt > now)
        {
            return entry.Tenant;
        }

        if (entry.Tenant is null && failures.TryGetValue(tenantId, out var failed) && failed.RetryAt > now)
        {
            throw new TenantUnreadableException(tenantId, failed.Failure);
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
        catch (Exception exception)
        {
            failures[tenantId] = (exception, now + FailureLifetime);
            throw;
        }

        failures.TryRemove(tenantId, out _);

        if (tenant is not null)
        {
            cache[tenantId] = (tenant, now + CacheLifetime);
        }

        return tenant;
    }

    public void Remember(TenantInfo tenant) => cache[tenant.Id] = (tenant, clock.GetUtcNow() + CacheLifetime);
}

/// <summary>A tenant's record could not be read a moment ago and is not asked for again yet; the earlier failure is inside.</summary>
public sealed class TenantUnreadableException(string tenantId, Exception failure)
    : Exception($"Tenant {tenantId} could not be read a moment ago; it is asked again shortly.", failure);
