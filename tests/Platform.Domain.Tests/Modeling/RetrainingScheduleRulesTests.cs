using Platform.Domain.Models;

namespace Platform.Domain.Tests.Modeling;

public sealed class RetrainingScheduleRulesTests
{
    [Theory]
    [InlineData("0 3 * * *")]
    [InlineData("30 2 * * 1-5")]
    [InlineData("0 * * * *")]
    [InlineData("15 4 1 */3 *")]
    public void AtMostHourlyFiveFieldExpressionsPass(string cron) =>
        Assert.Empty(RetrainingScheduleRules.Check(cron, "Europe/Paris"));

    [Theory]
    [InlineData("", "format")]
    [InlineData("every night", "format")]
    [InlineData("0 0 3 * * *", "format")] // six fields (seconds) are not accepted
    [InlineData("61 * * * *", "format")]
    [InlineData("*/30 * * * *", "too_frequent")]
    [InlineData("0,30 3 * * *", "too_frequent")]
    [InlineData("0 0 30 2 *", "never_fires")]
    public void OtherExpressionsAreRefusedWithTheirRule(string cron, string rule)
    {
        var violation = Assert.Single(RetrainingScheduleRules.Check(cron, "UTC"));

        Assert.Equal(("cron", rule), (violation.Field, violation.Rule));
        Assert.StartsWith("cron ", violation.Message);
    }

    [Fact]
    public void AnUnknownTimeZoneIsRefusedBesideABadCron()
    {
        var violations = RetrainingScheduleRules.Check("nope", "Mars/Olympus");

        Assert.Equal([("cron", "format"), ("timeZone", "unknown_value")], violations.Select(v => (v.Field, v.Rule)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(11.0)]
    [InlineData(double.NaN)]
    public void ADriftThresholdOutsideItsRangeIsRefused(double psi) =>
        Assert.Equal(("retrainWhenDriftAbove", "out_of_range"), Assert.Single(RetrainingScheduleRules.Check("0 3 * * *", "UTC", psi)) is var v ? (v.Field, v.Rule) : default);

    [Fact]
    public void TheNextRunIsReadInTheSchedulesTimeZone()
    {
        var schedule = new RetrainingSchedule(ModelTask.Uplift, "0 3 * * *", "America/New_York", true, null, DateTimeOffset.UnixEpoch);

        var next = schedule.NextRunAfter(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 7, 2, 7, 0, 0, TimeSpan.Zero), next); // 03:00 EDT
    }

    [Fact]
    public void EachTenantAndTaskHasItsOwnRecurringJob() =>
        Assert.Equal("retrain:shop-1:UPLIFT", RetrainingSchedule.RecurringJobId("shop-1", ModelTask.Uplift));
}
