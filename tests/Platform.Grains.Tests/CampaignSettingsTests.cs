using Platform.Grains.Campaigns;

namespace Platform.Grains.Tests;

public sealed class CampaignSettingsTests
{
    [Fact]
    public void AQuickAggregateWaitsTheConfiguredInterval()
    {
        var settings = new CampaignSettings { KpiUpdateIntervalSeconds = 1 };

        Assert.Equal(TimeSpan.FromSeconds(1), settings.WaitAfterUpdate(TimeSpan.FromMilliseconds(30)));
    }

    [Fact]
    public void ASlowAggregateWaitsFiveTimesWhatItTook()
    {
        var settings = new CampaignSettings { KpiUpdateIntervalSeconds = 1 };

        Assert.Equal(TimeSpan.FromSeconds(2), settings.WaitAfterUpdate(TimeSpan.FromMilliseconds(400)));
    }
}
