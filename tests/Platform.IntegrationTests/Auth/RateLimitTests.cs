using System.Net;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Auth;

public sealed class RateLimitTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task ATenantOverItsLimitGets429WithRetryAfterWhileOthersAreServed()
    {
        var (_, busy) = await platform.CreateTenantAsync("busy");
        var (_, quiet) = await platform.CreateTenantAsync("quiet");
        (await platform.Http.PostAsync(busy, "mutation { updateTenantSettings(input: { requestsPerSecond: 5 }) { settings { requestsPerSecond } } }")).AssertSuccess();
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // let the bucket refill at the new rate

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => platform.Http.PostAsync(busy, "{ tenant { id } }")));
        var other = await platform.Http.PostAsync(quiet, "{ tenant { id } }");

        var limited = responses.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(limited.Count, 10, 15);
        Assert.All(limited, r => Assert.Equal(["RATE_LIMITED"], r.ErrorCodes));
        Assert.NotNull(limited[0].Headers.RetryAfter);
        other.AssertSuccess();
    }
}
