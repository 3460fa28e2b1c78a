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
        Assert.Null(TenantIds.Check("id", id));
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("a", "too_short")]
    [InlineData("Shop", "format")]
    [InlineData("9shop", "format")]
    [InlineData("shop/other", "format")]
    [InlineData("shop one", "format")]
    public void EverythingElseNamesTheRuleItBreaks(string? id, string rule)
    {
        Assert.False(TenantIds.IsValid(id));
        Assert.Equal(("input.id", rule), TenantIds.Check("input.id", id) is { } v ? (v.Field, v.Rule) : default);
    }

    [Fact]
    public void TooLongIdsNameTheLimit() =>
        Assert.Equal("input.id must be at most 40 characters.", TenantIds.Check("input.id", new string('a', 41))?.Message);
}
