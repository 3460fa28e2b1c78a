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
    public async Task AnOperationTakesATokenPerStartedHundredOfItsCost()
    {
        var (tenantId, admin) = await platform.CreateTenantAsync();
        (await platform.Http.PostAsync(platform.Settings.SystemKey, Tenants.SetRateLimit, new { tenant = tenantId, perSecond = 10 })).AssertSuccess();
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        // 8 aggregates of cost 50 + 20 (their buckets): 560, so 6 of the bucket's 10 tokens.
        var aliases = string.Join(" ", Enumerable.Range(0, 8).Select(i => $"s{i}: audienceSummary(audience: {{ all: true }}) {{ users rfmSegments {{ key }} }}"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => platform.Http.PostAsync(admin, $"{{ {aliases} }}")));

        // Before the charge by cost all four passed (one token each). Now one takes 6 of the 10 tokens and the others find
        // too few; only a refill (every second) falling between them lets a second one through.
        var limited = responses.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(responses.Count(r => r.Status == HttpStatusCode.OK), 1, 2);
        Assert.All(limited, r => Assert.Equal(["RATE_LIMITED"], r.ErrorCodes));
        Assert.True(limited.Any(r => r.FirstError.GetProperty("message").GetString()!.Contains("cost 560", StringComparison.Ordinal)
            && r.Headers.RetryAfter is not null), string.Join("; ", limited.Select(r => r.Body.GetRawText() + " retry " + r.Headers.RetryAfter)));
    }

    [Fact]
    public async Task ATenantCannotRaiseItsOwnLimit()
    {
        var (tenantId, admin) = await platform.CreateTenantAsync();

        var response = await platform.Http.PostAsync(admin, Tenants.SetRateLimit, new { tenant = tenantId, perSecond = 100_000 });

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
    }
}
