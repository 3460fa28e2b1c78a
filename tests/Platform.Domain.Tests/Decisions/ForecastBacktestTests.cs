using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Tests.Campaigns;

namespace Platform.Domain.Tests.Decisions;

public sealed class ForecastBacktestTests
{
    private static readonly CampaignDesign Design = CampaignDesignRulesTests.Valid() with { AttributionWindowDays = 7 };
    private const double MarginRate = 0.3;

    [Fact]
    public void TheForecastPerTreatedUserIsSetAgainstTheMeasuredLift()
    {
        // 90 treated users expected to add 9 conversions and 450 of GMV: 0.1 and 5 per treated user.
        var forecast = Forecast(incrementalConversions: ForecastFigure.Normal(9, 1.8), incrementalGmv: ForecastFigure.Normal(450, 90), treated: 90);
        var kpis = Kpis(conversionLift: new Estimate(0.14, 0.13, 0.15), revenueLift: new Estimate(-1, -4, 2));
        var ended = Design.EndsAt;

        var backtest = ForecastBacktest.Of(Ended(ended), forecast, kpis, MarginRate, now: ended.AddDays(8));

        Assert.True(backtest.Complete);
        Assert.Equal(0.1, backtest.ConversionRateLift.Forecast.Value, 9);
        Assert.Equal(0.1 - (1.959963984540054 * 0.02), backtest.ConversionRateLift.Forecast.Low95, 9);
        Assert.Equal(0.1 - 0.14, backtest.ConversionRateLift.Error!.Value, 9);
        // Errors 0.02 (forecast) and 0.0051 (measured): |−0.04| ≤ 1.96 × 0.0206 but not ≤ 1.28 × 0.0206.
        Assert.Equal((false, true), (backtest.ConversionRateLift.Inside80, backtest.ConversionRateLift.Inside95));
        // Errors 1 and 1.53: an error of 6 is outside both.
        Assert.Equal((false, false), (backtest.RevenuePerUserLift.Inside80, backtest.RevenuePerUserLift.Inside95));
        // A loose measurement widens what counts as inside: the same error with the holdout's interval ±0.1.
        var loose = ForecastBacktest.Of(Ended(ended), forecast, Kpis(new Estimate(0.14, 0.04, 0.24), null), MarginRate, ended.AddDays(8));
        Assert.Equal((true, true), (loose.ConversionRateLift.Inside80, loose.ConversionRateLift.Inside95));
        Assert.False(ForecastBacktest.Of(Ended(ended), forecast, kpis, MarginRate, now: ended.AddDays(6)).Complete);
    }

    [Fact]
    public void TheSummaryCountsOnlyCompleteMeasuredCampaigns()
    {
        var forecast = Forecast(ForecastFigure.Normal(10, 1), ForecastFigure.Normal(100, 10), treated: 100);
        var end = Design.EndsAt;
        CampaignBacktest Tested(double lift, bool complete) =>
            ForecastBacktest.Of(Ended(end), forecast, Kpis(new Estimate(lift, lift - 0.01, lift + 0.01), new Estimate(1, 0.5, 1.5)), MarginRate, complete ? end.AddDays(30) : end);

        var summary = ForecastBacktest.Summarize([Tested(0.1, true), Tested(0.3, true), Tested(0.1, false), ForecastBacktest.Of(Ended(end), forecast, Kpis(null, null), MarginRate, end.AddDays(30))]);

        Assert.Equal(4, summary.Campaigns.Count);
        Assert.Equal(2, summary.Conversion.Measured);
        Assert.Equal((0.5, 0.5), (summary.Conversion.Coverage80, summary.Conversion.Coverage95));
        Assert.Equal((0 + 0.2) / 2, summary.Conversion.MeanAbsoluteError!.Value, 9);
        Assert.Equal((2, 1.0), (summary.Revenue.Measured, summary.Revenue.Coverage95));
        Assert.Equal(2, summary.Margin.Measured);
        Assert.Null(ForecastBacktest.Summarize([]).Conversion.Coverage95);
    }

    [Fact]
    public void TheMarginIsTheRevenueLiftAtTheMarginRateLessTheCostPerTreatedUser()
    {
        // 100 treated users expected to add 300 of margin (95%: 100 to 500): 3 per treated user.
        var forecast = Forecast(ForecastFigure.Normal(10, 1), ForecastFigure.Normal(1000, 100), treated: 100) with { IncrementalMargin = ForecastFigure.Normal(300, 102.04) };
        // A revenue lift of 20 per user (95%: 10 to 30) at a margin rate of 0.3, and 500 of discount over 100 treated users: 6 − 5 = 1 (95%: −2 to 4).
        var kpis = CampaignKpis.From(new ArmTotals(100, DiscountCost: 500m), new ArmTotals(10), budget: null) with { RevenuePerUserLift = new Estimate(20, 10, 30) };

        var margin = ForecastBacktest.Of(Ended(Design.EndsAt), forecast, kpis, MarginRate, Design.EndsAt.AddDays(8)).IncrementalMarginPerUser;

        Assert.Equal([1, -2, 4], new[] { margin.Actual!.Value, margin.Actual.Low, margin.Actual.High }, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(3, margin.Forecast.Value, 9);
        Assert.Equal(2, margin.Error!.Value, 9);
        Assert.Equal((true, true), (margin.Inside80, margin.Inside95)); // errors 1.02 and 1.53: 2 ≤ 1.28 × 1.84
        Assert.Null(ForecastBacktest.Of(Ended(Design.EndsAt), forecast, Kpis(null, null), MarginRate, Design.EndsAt).IncrementalMarginPerUser.Actual);

        // With a cost per contact of 0.5 the measured margin is 0.5 less a treated user.
        var mailed = CampaignKpis.From(new ArmTotals(100, DiscountCost: 500m), new ArmTotals(10), budget: null, costPerContact: 0.5m) with { RevenuePerUserLift = new Estimate(20, 10, 30) };
        Assert.Equal(0.5, ForecastBacktest.Of(Ended(Design.EndsAt), forecast, mailed, MarginRate, Design.EndsAt.AddDays(8)).IncrementalMarginPerUser.Actual!.Value, 9);
    }

    private static Campaign Ended(DateTimeOffset at) =>
        new("cmp-1", Design, CampaignStatus.Ended, CampaignSource.Designed, Design.StartsAt, at, Design.StartsAt, at);

    private static CampaignForecast Forecast(ForecastFigure incrementalConversions, ForecastFigure incrementalGmv, double treated)
    {
        var zero = ForecastFigure.Normal(0, 0);
        return new CampaignForecast(100, treated, zero, zero, zero, incrementalConversions, incrementalGmv, zero, zero, null, 1, null, [], []);
    }

    private static CampaignKpis Kpis(Estimate? conversionLift, Estimate? revenueLift) =>
        CampaignKpis.From(new ArmTotals(90), new ArmTotals(10), budget: null) with { ConversionRateLift = conversionLift, RevenuePerUserLift = revenueLift };
}
