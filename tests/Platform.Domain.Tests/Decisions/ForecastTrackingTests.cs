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
        MeasuredHour Hour(int days, double lift) => new(start.AddDays(days), new Estimate(lift, lift - 0.005, lift + 0.005), null);

        var calm = ForecastTracking.Track(Forecast, SevenDayWindow, start, [Hour(7, 0.1), Hour(8, 0.5), Hour(9, 0.5), new MeasuredHour(start.AddDays(10), null, null)], alertAfterHours: 3);
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
            new MeasuredHour(start.AddDays(3.5), conversions, new Estimate(2.5, 2, 3)),
            new MeasuredHour(start.AddDays(7), conversions, new Estimate(1, 0.5, 1.5)),
            new MeasuredHour(start.AddDays(8), conversions, new Estimate(1, 0.5, 1.5)),
            new MeasuredHour(start.AddDays(9), conversions, new Estimate(1, 0.5, 1.5)),
        ], alertAfterHours: 3);

        var halfway = tracking.Points[0].Revenue.Expected; // half the window
        Assert.Equal([2.5, 1.5, 3.5], new[] { halfway.Value, halfway.Low95, halfway.High95 }, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal([TrackingStatus.Inside, TrackingStatus.Below, TrackingStatus.Below, TrackingStatus.Below], tracking.Points.Select(p => p.Revenue.Status));
        Assert.False(tracking.Alert); // the conversions are where the forecast said
    }

    [Fact]
    public void TheTreatedSidesConversionRateParticipationAndDiscountCostAreTrackedAndDoNotAlert()
    {
        var start = SevenDayWindow.StartsAt;
        // 1,000 treated users are expected to bring 100 buyers (95%: 80 to 120), 300 participants (95%: 240 to 360) and 2,000
        // of discount (95%: 1,600 to 2,400).
        var forecast = Forecast with
        {
            Conversions = new ForecastFigure(100, 90, 110, 80, 120), Participants = new ForecastFigure(300, 270, 330, 240, 360), DiscountCost = new ForecastFigure(2000, 1800, 2200, 1600, 2400),
            IncrementalConversions = new ForecastFigure(25, 20, 30, 15, 35), // so that the later hours' lift (0.025, nobody of the holdout bought) is where expected
        };

        // 400 enrolled treated users, 40 bought in their window (0.1), 120 took part (0.3), 100 redemptions cost 800 (2 per user): where expected.
        var onTrack = MeasuredHour.Of(start.AddDays(7), CampaignKpis.From(new ArmTotals(400, Participants: 120, Redemptions: 100, DiscountCost: 800m, WindowConverters: 40), new ArmTotals(40), budget: null));
        Assert.Equal((0.1, 0.3, 2.0), (onTrack.ConversionRate!.Value, onTrack.ParticipationRate!.Value, onTrack.DiscountCostPerUser!.Value));
        Assert.True(onTrack.ParticipationRate.Low is > 0.2 and < 0.3 && onTrack.ParticipationRate.High is > 0.3 and < 0.4, $"{onTrack.ParticipationRate}");
        Assert.True(onTrack.DiscountCostPerUser.Low is > 1 and < 2 && onTrack.DiscountCostPerUser.High is > 2 and < 3, $"{onTrack.DiscountCostPerUser}");

        // Then 4,000 of them, few buying, nearly all taking part and costing 8 each: wholly outside the bands, and no alert.
        var overspent = MeasuredHour.Of(start.AddDays(8), CampaignKpis.From(new ArmTotals(4000, Participants: 3600, Redemptions: 4000, DiscountCost: 32_000m, WindowConverters: 100), new ArmTotals(400), budget: null));
        var tracking = ForecastTracking.Track(forecast, SevenDayWindow, start, [onTrack, overspent, overspent with { At = start.AddDays(9) }, overspent with { At = start.AddDays(10) }], alertAfterHours: 3);

        Assert.Equal([TrackingStatus.Inside, TrackingStatus.Below, TrackingStatus.Below, TrackingStatus.Below], tracking.Points.Select(p => p.ConversionRate.Status)); // 0.025 against 0.08 to 0.12
        Assert.Equal([TrackingStatus.Inside, TrackingStatus.Above, TrackingStatus.Above, TrackingStatus.Above], tracking.Points.Select(p => p.Participation.Status));
        Assert.Equal([TrackingStatus.Inside, TrackingStatus.Above, TrackingStatus.Above, TrackingStatus.Above], tracking.Points.Select(p => p.DiscountCost.Status));
        var cost = tracking.Points[0].DiscountCost.Expected;
        Assert.Equal([2, 1.6, 2.4], new[] { cost.Value, cost.Low95, cost.High95 }, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.False(tracking.Alert);
    }

    [Fact]
    public void ParticipationIsExpectedWholeFromTheFirstHourAndNobodyTakingPartIsBelowIt()
    {
        var start = SevenDayWindow.StartsAt;
        var forecast = Forecast with { Participants = new ForecastFigure(300, 270, 330, 240, 360) };

        // A day into a 7-day window the lifts expect a seventh of their whole, participation all of it: 0.3 (95%: 0.24 to 0.36).
        var day = MeasuredHour.Of(start.AddDays(1), CampaignKpis.From(new ArmTotals(2000, Participants: 600), new ArmTotals(200), budget: null));
        var nobody = MeasuredHour.Of(start.AddDays(1), CampaignKpis.From(new ArmTotals(2000), new ArmTotals(200), budget: null));
        var tracking = ForecastTracking.Track(forecast, SevenDayWindow, start, [day, nobody], alertAfterHours: 3);

        Assert.Equal([0.3, 0.24, 0.36], new[] { tracking.Points[0].Participation.Expected.Value, tracking.Points[0].Participation.Expected.Low95, tracking.Points[0].Participation.Expected.High95 }, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(TrackingStatus.Inside, tracking.Points[0].Participation.Status);
        Assert.True(nobody.ParticipationRate is { Value: 0, High: > 0 }, $"{nobody.ParticipationRate}"); // 0 of 2,000 still has an interval
        Assert.Equal(TrackingStatus.Below, tracking.Points[1].Participation.Status);
    }

    [Fact]
    public void TheTreatedSidesFiguresWaitFor30UsersAndCostForItsFirstRedemption()
    {
        var few = MeasuredHour.Of(SevenDayWindow.StartsAt, CampaignKpis.From(new ArmTotals(MeasuredHour.MinTreatedUsers - 1, Participants: 5, Redemptions: 5, DiscountCost: 10m), new ArmTotals(5), budget: null));
        Assert.Equal((null, null, null), (few.ConversionRate, few.ParticipationRate, few.DiscountCostPerUser));

        var noRedemption = MeasuredHour.Of(SevenDayWindow.StartsAt, CampaignKpis.From(new ArmTotals(MeasuredHour.MinTreatedUsers, Participants: 5), new ArmTotals(5), budget: null));
        Assert.NotNull(noRedemption.ParticipationRate);
        Assert.Null(noRedemption.DiscountCostPerUser);
        Assert.Equal(TrackingStatus.NoData, ForecastTracking.StatusOf(noRedemption.DiscountCostPerUser, Forecast.DiscountCost));
    }

    private static ForecastFigure Zero() => new(0, 0, 0, 0, 0);
}
