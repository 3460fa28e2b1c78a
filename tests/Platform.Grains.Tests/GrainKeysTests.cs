using Platform.Abstractions;

namespace Platform.Grains.Tests;

public sealed class GrainKeysTests
{
    [Fact]
    public void EveryKeyStartsWithTheTenant()
    {
        var run = Guid.NewGuid();

        Assert.Equal("demo/tenant", GrainKeys.Tenant("demo"));
        Assert.Equal($"demo/systemCheck/{run:N}", GrainKeys.Progress("demo", "systemCheck", run));
    }

    [Fact]
    public void AllHexTenantIdsStillMakeNonNumericKeys() => Assert.Contains('/', GrainKeys.Tenant("cafe"));

    [Fact]
    public void TheTenantIdComesBackFromItsKey() => Assert.Equal("shop-1", GrainKeys.TenantIdOf(GrainKeys.Tenant("shop-1")));

    [Fact]
    public void TheFirstFeedKeepsItsKeyAndLaterPartitionsNameTheirGeneration()
    {
        Assert.Equal("shop/feed", GrainKeys.Feed("shop"));
        Assert.Equal("shop/feed/3/7", GrainKeys.Feed("shop", 3, 7));
        Assert.Equal((0, 0), GrainKeys.FeedPartitionOf(GrainKeys.Feed("shop")));
        Assert.Equal((3, 7), GrainKeys.FeedPartitionOf(GrainKeys.Feed("shop", 3, 7)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    public void ATenantIdThatCouldForgeAKeyIsRefused(string tenantId) =>
        Assert.Throws<ArgumentException>(() => GrainKeys.Tenant(tenantId));
}
