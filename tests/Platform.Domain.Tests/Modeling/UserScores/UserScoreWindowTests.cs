using Platform.Domain.Events;
using Platform.Domain.Modeling.UserScores;
using Platform.Domain.Profiles;

namespace Platform.Domain.Tests.Modeling.UserScores;

public sealed class UserScoreWindowTests
{
    private static readonly DateTimeOffset Latest = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UserScoreWindow Window = UserScoreWindow.EndingAt(Latest, snapshots: 1);

    private static BehaviorEvent Event(EventType type, int daysBeforeLatest, decimal? amount = null) =>
        new(Guid.NewGuid().ToString(), "u1", type, Latest.AddDays(-daysBeforeLatest), "i1", "c1", 1, amount, amount is null ? null : "EUR", null, null, null, null, null);

    private static UserScoreRow? Row(params BehaviorEvent[] events) => Window.Rows("u1", events, null, _ => null, ProfileSettings.Default).SingleOrDefault();

    [Fact]
    public void TheLabelsAreWhatHappenedInTheThirtyDaysAfterTheCutoffAndTheFeaturesWhatCameBefore()
    {
        var row = Row(Event(EventType.Purchase, 60, 30m), Event(EventType.View, 20), Event(EventType.Purchase, 10, 12.5m), Event(EventType.Purchase, 5, 7.5m))!;

        Assert.Equal(new UserOutcome(Purchased: true, Spend: 20, Churned: false), row.Outcome);
        Assert.Equal(1, row.Features["purchases"].Number); // only the purchase before the cutoff
    }

    [Fact]
    public void AUserWithNothingAfterTheCutoffChurnedAndOneWithNothingBeforeIsNoRow()
    {
        Assert.Equal(new UserOutcome(false, 0, true), Row(Event(EventType.View, 45))!.Outcome);
        Assert.Equal(new UserOutcome(false, 0, false), Row(Event(EventType.View, 45), Event(EventType.View, 3))!.Outcome);
        Assert.Null(Row(Event(EventType.Purchase, 3, 10m)));
    }

    [Fact]
    public void EarlierCutoffsAHorizonApartGiveTheUserMoreRowsEachLabelledByItsOwnThirtyDays()
    {
        var events = new[] { Event(EventType.Purchase, 100, 30m), Event(EventType.Purchase, 50, 10m), Event(EventType.View, 5) };

        var rows = UserScoreWindow.EndingAt(Latest, snapshots: 6).Rows("u1", events, null, _ => null, ProfileSettings.Default);

        // Cutoffs 30, 60, 90 and 120 days before the latest event; the one at 120 has nothing before it.
        Assert.Equal([0, 1, 2], rows.Select(r => r.Snapshot));
        Assert.Equal(
            [new UserOutcome(false, 0, false), new UserOutcome(true, 10, false), new UserOutcome(false, 0, true)],
            rows.Select(r => r.Outcome));
        Assert.Equal([2.0, 1.0, 1.0], rows.Select(r => r.Features["purchases"].Number!.Value));
    }
}
