using Platform.Grains.Campaigns;

namespace Platform.Grains.Tests;

public sealed class CampaignSettingsTests
{
    [Theory]
    [InlineData(1, 30, 1_000)] // a quick aggregate waits the configured interval
    [InlineData(1, 400, 2_000)] // a slow one waits five times what it took
    [InlineData(1, 20_000, 30_000)] // a stalled one at most 30 s
    [InlineData(60, 20_000, 60_000)] // a configured interval longer than that is kept
    public void TheWaitAfterAKpiUpdateFollowsItsAggregate(double intervalSeconds, int aggregateMs, int expectedMs)
    {
        var settings = new CampaignSettings { KpiUpdateIntervalSeconds = intervalSeconds };

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), settings.WaitAfterUpdate(TimeSpan.FromMilliseconds(aggregateMs)));
    }
}
