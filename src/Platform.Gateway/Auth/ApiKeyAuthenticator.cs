using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Domain.Auth;
using Platform.Gateway.Hosting;
using Platform.Storage.ApiKeys;

namespace Platform.Gateway.Auth;

/// <summary>
/// Resolves an API key to a caller. Lookups are cached for at most <see cref="CacheLifetime"/>, so a key
/// revoked on any node is refused everywhere within that time without a database round trip per request.
/// </summary>
public sealed class ApiKeyAuthenticator(ApiKeyStore store, IOptions<PlatformOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMilliseconds(500);
    private const int MaxCachedKeys = 10_000;

    private readonly ConcurrentDictionary<string, CachedLookup> cache = new(StringComparer.Ordinal);

    public async ValueTask<(Caller? Caller, AccessDenial? Denial)> AuthenticateAsync(string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return (null, AccessDenial.MissingKey);
        }

        var systemKey = options.Value.SystemKey;
        if (!string.IsNullOrEmpty(systemKey) && ApiKeySecrets.SecretsEqual(secret, systemKey))
        {
            return (Caller.System, null);
        }

        var hash = ApiKeySecrets.Hash(secret);
        var now = clock.GetUtcNow();
        if (!cache.TryGetValue(hash, out var lookup) || lookup.ExpiresAt <= now)
        {
            try
            {
                lookup = new CachedLookup(await store.FindBySecretAsync(secret, cancellationToken), now + CacheLifetime);
            }
            catch (NpgsqlException exception) when (exception.IsTransient)
            {
                return (null, AccessDenial.DatabaseUnavailable);
            }

            MakeRoom(now);
            cache[hash] = lookup;
        }

        return lookup.Key switch
        {
            null => (null, AccessDenial.UnknownKey),
            { IsRevoked: true } => (null, AccessDenial.RevokedKey),
            var key => (Caller.ForKey(key), null),
        };
    }

    /// <summary>Drops a revoked key from this node's cache at once; other nodes drop it within the cache lifetime.</summary>
    public void Forget(Guid keyId)
    {
        foreach (var (hash, lookup) in cache)
        {
            if (lookup.Key?.Id == keyId)
            {
                cache.TryRemove(hash, out _);
            }
        }
    }

    // A flood of made-up keys must not evict the keys real clients use: expired and negative entries go first.
    private void MakeRoom(DateTimeOffset now)
    {
        if (cache.Count < MaxCachedKeys)
        {
            return;
        }

        foreach (var (hash, lookup) in cache)
        {
            if (lookup.Key is null || lookup.ExpiresAt <= now)
            {
                cache.TryRemove(hash, out _);
            }
        }

        if (cache.Count >= MaxCachedKeys)
        {
            cache.Clear();
        }
    }

    private sealed record CachedLookup(ApiKeyRecord? Key, DateTimeOffset ExpiresAt);
}
