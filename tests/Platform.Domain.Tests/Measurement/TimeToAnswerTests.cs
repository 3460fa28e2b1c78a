using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Measurement;

namespace Platform.Domain.Tests.Measurement;

public sealed class TimeToAnswerTests
{
    private static readonly DateTimeOffset Launch = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Campaign Running = new(
        "spring", new CampaignDesign("Spring", CampaignType.PercentOff, 10m, Channel.Email, Launch, Launch.AddDays(28), HoldoutShare: 0.2, AttributionWindowDays: 7),
        CampaignStatus.Running, CampaignSource.Designed, Launch, Launch, Launch);

    [Fact]
    public void AGivenEffectTakesTheUsersItNeedsAtTheEnrollmentRateSoFarPlusAWindow()
    {
        var lift = Lift(spread: 0.5);

        var answer = TimeToAnswer.Of(Running, lift, users: 2_000, givenEffect: 0.02, forecast: null, now: Launch.AddDays(4));

        var needed = Detection.UsersNeeded(0.5, 0.02)!.Value;
        Assert.Equal((needed, 500.0, EffectSource.Given), (answer.UsersNeeded!.Value, answer.UsersPerDay!.Value, answer.EffectSource!.Value));
        Assert.Equal((needed / 500.0) + 7 - 4, answer.ExpectedDays!.Value, 9);
        Assert.Equal(needed / 500.0 <= 28, answer.BeforeCampaignEnds);
    }

    [Fact]
    public void WithoutAGivenEffectTheLaunchForecastsLiftPerTreatedUserIsUsed()
    {
        var figure = ForecastFigure.Normal(40, 5);
        var forecast = new CampaignForecast(1_000, 800, figure, figure, figure, figure, ForecastFigure.Normal(400, 50), figure, figure, null, 1, null, [], []);

        var conversion = TimeToAnswer.Of(Running, Lift(0.5), 2_000, null, forecast, Launch.AddDays(4));
        var revenue = TimeToAnswer.Of(Running, Lift(20) with { Metric = LiftMetric.RevenuePerUser }, 2_000, null, forecast, Launch.AddDays(4));

        Assert.Equal((0.05, EffectSource.Forecast), (conversion.Effect!.Value, conversion.EffectSource!.Value));
        Assert.Equal(0.5, revenue.Effect!.Value); // 400 ÷ 800
        Assert.Null(TimeToAnswer.Of(Running, Lift(0.5) with { Metric = LiftMetric.PurchasesPerUser }, 2_000, null, forecast, Launch.AddDays(4)).UsersNeeded);
    }

    [Fact]
    public void AnEndedCampaignSaysHowManyUsersItWouldHaveNeededAndNoDays()
    {
        var ended = Running with { Status = CampaignStatus.Ended, EndedAt = Launch.AddDays(28) };

        var answer = TimeToAnswer.Of(ended, Lift(0.5), 2_000, 0.02, null, Launch.AddDays(40));

        Assert.Equal(Detection.UsersNeeded(0.5, 0.02), answer.UsersNeeded);
        Assert.Equal((null, null, null), (answer.UsersPerDay, answer.ExpectedDays, answer.BeforeCampaignEnds));
        Assert.StartsWith("Ended: no more users join.", answer.Note);
    }

    [Fact]
    public void TooFewUsersSayWhy()
    {
        var unmeasured = new LiftMeasurement(LiftMetric.ConversionRate, null, null, null, null, [], null, Significance.NotEnoughData, null, null, "Needs at least 30 users on each side (treatment 3, control 1).");

        var answer = TimeToAnswer.Of(Running, unmeasured, 4, 0.05, null, Launch.AddDays(1));

        Assert.Null(answer.UsersNeeded);
        Assert.StartsWith("Needs at least 30", answer.Note);
    }

    [Fact]
    public void HoldoutPlansNeedFewerUsersAsTheHoldoutGrowsTowardsHalf()
    {
        var forecast = new CampaignForecast(50_000, 45_000, ForecastFigure.Normal(0, 1), ForecastFigure.Normal(4_500, 100), ForecastFigure.Normal(0, 1),
            ForecastFigure.Normal(450, 50), ForecastFigure.Normal(0, 1), ForecastFigure.Normal(0, 1), ForecastFigure.Normal(0, 1), null, 1, null, [], []);

        var plans = HoldoutPlan.For(Running.Design, forecast);

        Assert.Equal([0.05, 0.1, 0.2, 0.3, 0.5], plans.Select(p => p.HoldoutShare)); // the design's own 20% among them
        Assert.True(plans.Zip(plans.Skip(1)).All(p => p.First.UsersNeeded > p.Second.UsersNeeded));
        var even = plans[^1];
        var treated = 4_500 / 45_000.0;
        Assert.Equal(Detection.UsersNeeded(Detection.ConversionSpread(treated, treated - 0.01, 0.5), 0.01), even.UsersNeeded);
        Assert.Equal((even.UsersNeeded!.Value / (50_000 / 28.0)) + 7, even.Days!.Value, 9);
        Assert.Equal(even.UsersNeeded <= 50_000, even.Feasible);
    }

    private static LiftMeasurement Lift(double spread) => new(
        LiftMetric.ConversionRate, new Estimate(0, -1, 1), null, null, null, [], new Estimate(0, -1, 1), Significance.NotSignificant, 0.1, spread, null);
}
