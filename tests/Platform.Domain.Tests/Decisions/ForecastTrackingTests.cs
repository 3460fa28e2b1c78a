using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Tests.Campaigns;

namespace Platform.Domain.Tests.Decisions;

public sealed class ForecastTrackingTests
{
    private static readonly CampaignDesign TenDays = CampaignDesignRulesTests.Valid() is var d ? d with { EndsAt = d.StartsAt.AddDays(3), AttributionWindowDays = 7 } : null!;
    private static readonly ForecastFigure Total = new(100, 80, 120, 60, 140);

    [Fact]
    public void TheForecastIsExpectedInProportionToTheRunAndItsWindow()
    {
        Assert.Equal(0, ForecastTracking.ExpectedShare(TenDays, TenDays.StartsAt, TenDays.StartsAt.AddDays(-1)));
        Assert.Equal(0.25, ForecastTracking.ExpectedShare(TenDays, TenDays.StartsAt, TenDays.StartsAt.AddDays(2.5)), 9); // 3 days + 7 of window
        Assert.Equal(1, ForecastTracking.ExpectedShare(TenDays, TenDays.StartsAt, TenDays.StartsAt.AddDays(30)));

        var quarter = ForecastTracking.Expected(Total, 0.25);
        Assert.Equal((25.0, 15.0, 35.0, 5.0, 45.0), (quarter.Value, quarter.Low80, quarter.High80, quarter.Low95, quarter.High95)); // half-widths × √0.25
    }

    [Fact]
    public void ThreeHoursInARowOutsideTheBandRaiseAnAlert()
    {
        var start = TenDays.StartsAt;
        var forecast = Forecast();
        (DateTimeOffset, Estimate?) Hour(int h, double actual) => (start.AddHours(h), new Estimate(actual, actual - 1, actual + 1));

        var calm = ForecastTracking.Track(forecast, TenDays, start, [Hour(1, 0.4), Hour(2, 50), Hour(3, 50), (start.AddHours(4), null)]);
        Assert.Equal([TrackingStatus.Inside, TrackingStatus.Above, TrackingStatus.Above, TrackingStatus.NoData], calm.Points.Select(p => p.Status));
        Assert.False(calm.Alert);

        var alerting = ForecastTracking.Track(forecast, TenDays, start, [Hour(1, 0.4), Hour(2, -50), Hour(3, -50), Hour(4, -50)]);
        Assert.True(alerting.Alert);
        Assert.Equal(start.AddHours(2), alerting.AlertSince);
    }

    private static CampaignForecast Forecast()
    {
        var zero = new ForecastFigure(0, 0, 0, 0, 0);
        return new CampaignForecast(1000, 900, zero, zero, zero, Total, zero, zero, zero, null, 1, null, [], []);
    }
}
