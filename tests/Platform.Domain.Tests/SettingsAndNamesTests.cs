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
        Assert.Equal(valid, TenantSettingsRules.CheckRequestsPerSecond("rps", value) is null);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(18_250, true)]
    [InlineData(18_251, false)]
    public void EventHorizonsReachFiftyYears(int days, bool valid) =>
        Assert.Equal(valid, TenantSettingsRules.CheckEventHorizonDays("eventHorizonDays", days) is null);

    [Fact]
    public void AZeroUnixTimeStaysOutsideTheLongestHorizon() =>
        Assert.True(DateTimeOffset.UnixEpoch < DateTimeOffset.UtcNow - TimeSpan.FromDays(TenantSettingsRules.MaxEventHorizonDays));

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.01, true)]
    [InlineData(1.0, true)]
    [InlineData(1.01, false)]
    [InlineData(double.NaN, false)]
    public void MarginRatesAreAShareAboveZero(double value, bool valid) =>
        Assert.Equal(valid, TenantSettingsRules.CheckMarginRate("marginRate", value) is null);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(90, true)]
    [InlineData(91, false)]
    public void PrePeriodsFitTheProfilesDailyCounts(int days, bool valid) =>
        Assert.Equal(valid, TenantSettingsRules.CheckPrePeriodDays("prePeriodDays", days) is null);

    [Theory]
    [InlineData(null, "required")]
    [InlineData("   ", "required")]
    [InlineData("Demo Shop", null)]
    [InlineData("Demo\0Shop", "format")]
    public void NamesAreRequiredAndNotBlank(string? name, string? rule) =>
        Assert.Equal(rule, DisplayNames.Check("name", name)?.Rule);

    [Fact]
    public void LongNamesNameTheLimit() =>
        Assert.Equal("name must be at most 200 characters.", DisplayNames.Check("name", new string('x', 201))?.Message);
}
