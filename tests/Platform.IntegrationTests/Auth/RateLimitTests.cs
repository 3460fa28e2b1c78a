using System.Net;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Auth;

public sealed class RateLimitTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task ATenantOverItsLimitGets429WithRetryAfterWhileOthersAreServed()
    {
        var (busyTenant, busy) = await platform.CreateTenantAsync("busy");
        var (_, quiet) = await platform.CreateTenantAsync("quiet");
        (await platform.Http.PostAsync(platform.Settings.SystemKey, Tenants.SetRateLimit, new { tenant = busyTenant, perSecond = 5 })).AssertSuccess();
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // let the bucket refill at the new rate

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => platform.Http.PostAsync(busy, "{ tenant { id } }")));
        var other = await platform.Http.PostAsync(quiet, "{ tenant { id } }");

        var limited = responses.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(limited.Count, 10, 15);
        Assert.All(limited, r => Assert.Equal(["RATE_LIMITED"], r.ErrorCodes));
        Assert.NotNull(limited[0].Headers.RetryAfter);
        other.AssertSuccess();
    }

    [Fact]
    public async Task ATenantCannotRaiseItsOwnLimit()
    {
        var (tenantId, admin) = await platform.CreateTenantAsync();

        var response = await platform.Http.PostAsync(admin, Tenants.SetRateLimit, new { tenant = tenantId, perSecond = 100_000 });

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
    }
}
