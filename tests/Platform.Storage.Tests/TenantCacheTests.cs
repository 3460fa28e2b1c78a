using Platform.Testing;
namespace Platform.Storage.Tests;

public sealed class TenantCacheTests
{
    [Fact]
    public async Task ACopyIsSharedUntilItIsOlderThanItsAgeThenReloadedAndAFailedLoadIsNotKept()
    {
        var clock = new ManualClock();
        var loads = 0;
        var fail = false;
        var cache = new TenantCache<string>((tenant, _) =>
        {
            loads++;
            return fail ? Task.FromException<string>(new InvalidOperationException("down")) : Task.FromResult($"{tenant}#{loads}");
        }, TimeSpan.FromSeconds(10), clock);

        var first = await cache.GetAsync("a");
        var again = await cache.GetAsync("a");
        clock.Now = clock.Now.AddSeconds(11);
        var stale = await cache.GetAsync("a"); // served while the reload is set up for the next reader
        var fresh = await cache.GetAsync("a");
        cache.Invalidate("a");
        fail = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("a"));
        fail = false;
        var recovered = await cache.GetAsync("a");

        Assert.Equal(("a#1", "a#1", "a#1", "a#2"), (first, again, stale, fresh));
        Assert.Equal("a#4", recovered);
        Assert.Equal("b#5", await cache.GetAsync("b"));
    }
}
