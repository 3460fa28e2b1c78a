using System.Threading.RateLimiting;

namespace Platform.Gateway.Auth;

/// <summary>
/// A token bucket per tenant on this node: the tenant's requests-per-second setting refills it every
/// second and allows a burst of one second's worth. The limit applies per gateway node.
/// </summary>
public sealed class TenantRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<(string Tenant, int PerSecond)> limiter =
        PartitionedRateLimiter.Create<(string Tenant, int PerSecond), (string, int)>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, k => new TokenBucketRateLimiterOptions
            {
                TokenLimit = k.Item2,
                TokensPerPeriod = k.Item2,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    /// <summary>Takes <paramref name="tokens"/> tokens (at most the bucket's size); returns how long to wait when too few are left, or null when admitted.</summary>
    public TimeSpan? TryAcquire(string tenantId, int requestsPerSecond, int tokens = 1)
    {
        using var lease = limiter.AttemptAcquire((tenantId, requestsPerSecond), tokens);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => limiter.Dispose();
}
