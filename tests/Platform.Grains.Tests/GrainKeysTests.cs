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

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    public void ATenantIdThatCouldForgeAKeyIsRefused(string tenantId) =>
        Assert.Throws<ArgumentException>(() => GrainKeys.Tenant(tenantId));
}
