using Platform.Domain.Tenants;

namespace Platform.Domain.Tests;

public sealed class SettingsAndNamesTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100_000, true)]
    [InlineData(100_001, false)]
    public void RequestsPerSecondHasBounds(int value, bool valid) =>
        Assert.Equal(valid, TenantSettingsRules.ExplainRequestsPerSecond(value) is null);

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("   ", "must not be blank")]
    [InlineData("Demo Shop", null)]
    public void NamesAreRequiredAndNotBlank(string? name, string? rule) =>
        Assert.Equal(rule, DisplayNames.Explain(name));

    [Fact]
    public void LongNamesNameTheLimit() =>
        Assert.Equal("must be at most 200 characters", DisplayNames.Explain(new string('x', 201)));
}
