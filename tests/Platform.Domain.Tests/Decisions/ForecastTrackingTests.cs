using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Tests.Campaigns;

namespace Platform.Domain.Tests.Decisions;

public sealed class ForecastTrackingTests
{
    private static readonly CampaignDesign SevenDayWindow = CampaignDesignRulesTests.Valid() with { AttributionWindowDays = 7 };

    // 1,000 treated users are expected to add 100 conversions (95%: 60 to 140): 0.1 per user.
    private static readonly CampaignForecast Forecast = new(
        1000, 1000, Zero(), Zero(), Zero(), new ForecastFigure(100, 80, 120, 60, 140), Zero(), Zero(), Zero(), null, 1, null, [], []);

    [Fact]
    public void TheLiftPerTreatedUserIsExpectedToGrowOverTheAttributionWindow()
    {
        var start = SevenDayWindow.StartsAt;
        Assert.Equal(0, ForecastTracking.ExpectedShare(SevenDayWindow, start, start.AddDays(-1)));
        Assert.Equal(0.5, ForecastTracking.ExpectedShare(SevenDayWindow, start, start.AddDays(3.5)), 9);
        Assert.Equal(1, ForecastTracking.ExpectedShare(SevenDayWindow, start, start.AddDays(30)));

        var half = ForecastTracking.Expected(Forecast, 0.5);
        Assert.Equal((0.05, 0.04, 0.06, 0.03, 0.07), (half.Value, half.Low80, half.High80, half.Low95, half.High95));
    }

    [Theory]
    [InlineData(0.10, 0.06, 0.14, TrackingStatus.Inside)]
    [InlineData(0.20, 0.15, 0.25, TrackingStatus.Above)] // wholly above 0.06–0.14
    [InlineData(0.02, 0.01, 0.05, TrackingStatus.Below)]
    [InlineData(0.02, 0.01, 0.08, TrackingStatus.Inside)] // overlaps: not told apart yet
    [InlineData(0.00, 0.00, 0.00, TrackingStatus.NoData)] // nobody bought yet
    public void AnHourIsOutsideOnlyWhenTheIntervalsDoNotOverlap(double value, double low, double high, TrackingStatus status) =>
        Assert.Equal(status, ForecastTracking.StatusOf(new Estimate(value, low, high), ForecastTracking.Expected(Forecast, 1)));

    [Fact]
    public void ThreeHoursWithUpdatesInARowOutsideTheBandRaiseAnAlert()
    {
        var start = SevenDayWindow.StartsAt;
        (DateTimeOffset, Estimate?, Estimate?) Hour(int days, double lift) => (start.AddDays(days), new Estimate(lift, lift - 0.005, lift + 0.005), null);

        var calm = ForecastTracking.Track(Forecast, SevenDayWindow, start, [Hour(7, 0.1), Hour(8, 0.5), Hour(9, 0.5), (start.AddDays(10), null, null)], alertAfterHours: 3);
        Assert.Equal([TrackingStatus.Inside, TrackingStatus.Above, TrackingStatus.Above, TrackingStatus.NoData], calm.Points.Select(p => p.Status));
        Assert.False(calm.Alert);

        var alerting = ForecastTracking.Track(Forecast, SevenDayWindow, start, [Hour(7, 0.1), Hour(8, 0.01), Hour(9, 0.01), Hour(10, 0.01)], alertAfterHours: 3);
        Assert.True(alerting.Alert);
        Assert.Equal(start.AddDays(8), alerting.AlertSince);

        var alert = ForecastTracking.AlertOf(alerting)!;
        Assert.Equal((start.AddDays(8), TrackingStatus.Below, 3), (alert.Since, alert.Direction, alert.Hours));
        Assert.Equal(alerting.Points[^1].Expected, alert.Expected);
        Assert.Null(ForecastTracking.AlertOf(calm));
        Assert.Null(ForecastTracking.AlertOf(null));

        // Configured to alert after two hours, the calm campaign's two hours above the band alert; after four, nothing does.
        var two = ForecastTracking.Track(Forecast, SevenDayWindow, start, [Hour(7, 0.1), Hour(8, 0.5), Hour(9, 0.5)], alertAfterHours: 2);
        Assert.Equal((true, start.AddDays(8)), (two.Alert, two.AlertSince));
        Assert.False(ForecastTracking.Track(Forecast, SevenDayWindow, start, [Hour(7, 0.1), Hour(8, 0.01), Hour(9, 0.01), Hour(10, 0.01)], alertAfterHours: 4).Alert);
    }

    [Fact]
    public void RevenuePerUserIsTrackedBesideConversionsAndDoesNotAlert()
    {
        var start = SevenDayWindow.StartsAt;
        var forecast = Forecast with { IncrementalGmv = new ForecastFigure(5000, 4000, 6000, 3000, 7000) }; // 5 per treated user (95%: 3 to 7)
        var conversions = new Estimate(0.1, 0.095, 0.105);

        var tracking = ForecastTracking.Track(forecast, SevenDayWindow, start, [
            (start.AddDays(3.5), conversions, new Estimate(2.5, 2, 3)),
            (start.AddDays(7), conversions, new Estimate(1, 0.5, 1.5)),
            (start.AddDays(8), conversions, new Estimate(1, 0.5, 1.5)),
            (start.AddDays(9), conversions, new Estimate(1, 0.5, 1.5)),
        ], alertAfterHours: 3);

        var halfway = tracking.Points[0].Revenue.Expected; // half the window
        Assert.Equal([2.5, 1.5, 3.5], new[] { halfway.Value, halfway.Low95, halfway.High95 }, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal([TrackingStatus.Inside, TrackingStatus.Below, TrackingStatus.Below, TrackingStatus.Below], tracking.Points.Select(p => p.Revenue.Status));
        Assert.False(tracking.Alert); // the conversions are where the forecast said
    }

    private static ForecastFigure Zero() => new(0, 0, 0, 0, 0);
}
