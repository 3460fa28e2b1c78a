using Platform.Gateway.Auth;

namespace Platform.Gateway.Tests;

public sealed class TenantRateLimiterTests
{
    [Fact]
    public void ABurstOfOneSecondIsAdmittedThenRefusedWithARetryHint()
    {
        using var limiter = new TenantRateLimiter();

        var admitted = Enumerable.Range(0, 5).Count(_ => limiter.TryAcquire("shop", 5) is null);
        var refused = limiter.TryAcquire("shop", 5);

        Assert.Equal(5, admitted);
        Assert.NotNull(refused);
        Assert.True(refused > TimeSpan.Zero);
    }

    [Fact]
    public void TenantsHaveSeparateBuckets()
    {
        using var limiter = new TenantRateLimiter();
        while (limiter.TryAcquire("busy", 3) is null)
        {
        }

        Assert.Null(limiter.TryAcquire("quiet", 3));
    }

    [Fact]
    public void ANewLimitTakesEffectAtOnce()
    {
        using var limiter = new TenantRateLimiter();
        while (limiter.TryAcquire("shop", 2) is null)
        {
        }

        Assert.Null(limiter.TryAcquire("shop", 50));
    }
}
