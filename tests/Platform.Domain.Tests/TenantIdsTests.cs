using Platform.Domain.Tenants;

namespace Platform.Domain.Tests;

public sealed class TenantIdsTests
{
    [Theory]
    [InlineData("demo")]
    [InlineData("shop-42")]
    [InlineData("ab")]
    public void SlugsAreValid(string id)
    {
        Assert.True(TenantIds.IsValid(id));
        Assert.Null(TenantIds.Explain(id));
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData("a", "must be at least 2 characters")]
    [InlineData("Shop", "must start with a letter")]
    [InlineData("9shop", "must start with a letter")]
    [InlineData("shop/other", "must start with a letter")]
    [InlineData("shop one", "must start with a letter")]
    public void EverythingElseIsExplained(string? id, string rule)
    {
        Assert.False(TenantIds.IsValid(id));
        Assert.StartsWith(rule, TenantIds.Explain(id));
    }

    [Fact]
    public void TooLongIdsNameTheLimit() =>
        Assert.Equal("must be at most 40 characters", TenantIds.Explain(new string('a', 41)));
}
