using System.Text.Json;
using Platform.Domain.Events;
using Platform.Domain.Profiles;

namespace Platform.Domain.Tests;

public sealed class ProfileFoldingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly ProfileSettings Settings = ProfileSettings.Default;
    private static readonly Dictionary<string, ItemFacts> Catalog = new()
    {
        ["sneaker"] = new("sneaker", "shoes", "acme", 80m),
        ["boot"] = new("boot", "shoes", "bolt", 120m),
        ["scarf"] = new("scarf", "accessories", "acme", 20m),
    };

    [Fact]
    public void LateEventsDeliveredInSmallBatchesGiveTheSameProfileAsOneBatch()
    {
        // The log numbers events as they arrive; here the newest happened first, so every batch is "late".
        var history = History();
        var arrivedLate = history.Select((e, i) => (Seq: (long)(history.Count - i), e.Event)).OrderBy(e => e.Seq).ToList();

        var inBatches = new UserProfile();
        foreach (var batch in arrivedLate.Chunk(3))
        {
            ProfileFolder.Apply(inBatches, batch, Lookup, Settings);
        }

        var atOnce = Fold(arrivedLate);
        Assert.Equal(Json(ProfileReader.Read(atOnce, Now, Settings)), Json(ProfileReader.Read(inBatches, Now, Settings)));
    }

    [Fact]
    public void ReplayingEventsAlreadyAppliedChangesNothing()
    {
        var events = History();
        var profile = Fold(events);
        var before = Json(profile);

        var applied = ProfileFolder.Apply(profile, events.Select(e => (e.Seq, e.Event)), Lookup, Settings);

        Assert.Equal(0, applied);
        Assert.Equal(before, Json(profile));
    }

    [Fact]
    public void CountersCoverAllTimeSevenAndThirtyDays()
    {
        var view = ProfileReader.Read(Fold([At(1, EventType.View, 1), At(2, EventType.View, 10), At(3, EventType.View, 40), At(4, EventType.View, 200)]), Now, Settings);

        var views = view.Counters.Single(c => c.Type == EventType.View);
        Assert.Equal((4L, 1, 2), (views.Total, views.Last7Days, views.Last30Days));
    }

    [Fact]
    public void TheSummaryIsTheViewWithoutTheTrajectoryAndCampaignHistory()
    {
        var profile = Fold(History());
        var view = ProfileReader.Read(profile, Now, Settings);
        var summary = ProfileReader.Summary(profile, Now, Settings);

        Assert.NotEmpty(view.Trajectory);
        Assert.Empty(summary.Trajectory);
        Assert.Empty(summary.Campaigns);
        Assert.Equal(Json(view with { Trajectory = [], Campaigns = [] }), Json(summary));
    }

    [Fact]
    public void APurchaseOfUnknownValueCountsAsAnOrderAndAddsNoMoney()
    {
        var unknown = (2L, Event("e2", EventType.Purchase, Now.AddDays(-1), "boot"));

        var view = ProfileReader.Read(Fold([Purchase(1, daysAgo: 3, amount: 50m), unknown]), Now, Settings);

        Assert.Equal((2, 50m), (view.Purchases, view.Revenue));
        Assert.Equal((1, 2, 50m), (view.Rfm.RecencyDays, view.Rfm.Frequency90, view.Rfm.Monetary90));
    }

    [Fact]
    public void RfmCountsNinetyDaysAndNamesTheSegment()
    {
        var purchases = Enumerable.Range(0, 5).Select(i => Purchase(i + 1, daysAgo: 2 + (i * 10), amount: 120m)).ToList();
        purchases.Add(Purchase(9, daysAgo: 150, amount: 999m));

        var rfm = ProfileReader.Read(Fold(purchases), Now, Settings).Rfm;

        Assert.Equal(2, rfm.RecencyDays);
        Assert.Equal(5, rfm.Frequency90);
        Assert.Equal(600m, rfm.Monetary90);
        Assert.Equal((5, 4, 4), (rfm.R, rfm.F, rfm.M));
        Assert.Equal("champions", rfm.Segment);
    }

    [Theory]
    [InlineData(0, 0, 0, "never_purchased")]
    [InlineData(5, 1, 1, "new_customers")]
    [InlineData(5, 1, 4, "potential_loyalists")]
    [InlineData(3, 1, 3, "promising")]
    [InlineData(3, 5, 9, "loyal")]
    [InlineData(2, 0, 3, "at_risk")]
    [InlineData(2, 0, 2, "hibernating")]
    [InlineData(1, 0, 1, "lost")]
    [InlineData(1, 0, 7, "cannot_lose_them")]
    public void SegmentsFollowTheMap(int r, int f, long lifetime, string segment) => Assert.Equal(segment, RfmRules.Segment(r, f, lifetime));

    [Fact]
    public void RecencyAndTheNinetyDayWindowAgreeOnTheBoundary()
    {
        var edge = ProfileReader.Read(Fold([Purchase(1, 90, 10m)]), Now, Settings).Rfm;
        var outside = ProfileReader.Read(Fold([Purchase(1, 91, 10m)]), Now, Settings).Rfm;

        Assert.Equal((90, 3, 1), (edge.RecencyDays!.Value, edge.R, edge.Frequency90));
        Assert.Equal((91, 2, 0), (outside.RecencyDays!.Value, outside.R, outside.Frequency90));
    }

    [Fact]
    public void AffinitiesHalveEveryHalfLifeAndComeFromTheCatalog()
    {
        var profile = Fold([At(1, EventType.Purchase, 14, "sneaker") with { }]);
        profile = Fold([new(1, Event("p", EventType.Purchase, Now.AddDays(-14), "sneaker") with { Amount = 80m, Currency = "EUR" })]);

        var view = ProfileReader.Read(profile, Now, Settings);

        var shoes = Assert.Single(view.CategoryAffinities);
        Assert.Equal("shoes", shoes.Key);
        Assert.Equal(ProfileFolder.AffinityWeight(EventType.Purchase) / 2, shoes.Score, precision: 9);
        Assert.Equal("acme", Assert.Single(view.BrandAffinities).Key);
    }

    [Fact]
    public void DiscountSensitivityIsTheShareOfPurchasesWithACoupon()
    {
        var view = ProfileReader.Read(Fold(
        [
            Purchase(1, 1, 10m) with { Event = Purchase(1, 1, 10m).Event with { CampaignId = "c1" } },
            Purchase(2, 2, 10m),
            Purchase(3, 3, 10m) with { Event = Purchase(3, 3, 10m).Event with { Properties = new Dictionary<string, string> { ["coupon"] = "SAVE10" } } },
            Purchase(4, 4, 10m),
        ]), Now, Settings);

        Assert.Equal(0.5, view.DiscountSensitivity);
    }

    [Fact]
    public void TheTrajectoryKeepsTheLatestFiftyByTimeOfOccurrence()
    {
        var events = Enumerable.Range(1, 60).Select(i => At(i, EventType.View, daysAgo: 60 - i)).Reverse().ToList();

        var view = ProfileReader.Read(Fold(events), Now, Settings);

        Assert.Equal(UserProfile.TrajectoryLength, view.Trajectory.Count);
        Assert.Equal(60, view.Trajectory[0].Seq);
        Assert.True(view.Trajectory.Zip(view.Trajectory.Skip(1)).All(p => p.First.OccurredAt >= p.Second.OccurredAt));
    }

    [Fact]
    public void CampaignHistoryCountsEachKindOfTouch()
    {
        var view = ProfileReader.Read(Fold(
        [
            Campaign(1, EventType.CampaignExposure, 3), Campaign(2, EventType.CampaignExposure, 2), Campaign(3, EventType.CampaignClick, 2),
            Campaign(4, EventType.CouponClaim, 2), Campaign(5, EventType.CouponRedeem, 1),
        ]), Now, Settings);

        var touch = Assert.Single(view.Campaigns);
        Assert.Equal((2, 1, 1, 1), (touch.Exposures, touch.Clicks, touch.Claims, touch.Redemptions));
        Assert.Equal(Now.AddDays(-3), touch.FirstAt);
        Assert.Equal(Now.AddDays(-1), touch.LastAt);
    }

    [Fact]
    public void TagsFollowTheirRules()
    {
        var lapsedBargainHunter = Fold(
        [
            Campaign(1, EventType.CouponClaim, 200), Campaign(2, EventType.CouponClaim, 190),
            Purchase(3, 150, 30m), Purchase(4, 140, 30m),
        ]);
        var cartAbandoner = Fold([At(5, EventType.AddToCart, 2, "boot"), At(6, EventType.View, 1, "boot")]);

        var tags1 = ProfileReader.Read(lapsedBargainHunter, Now, Settings).InterestTags;
        var tags2 = ProfileReader.Read(cartAbandoner, Now, Settings).InterestTags;

        Assert.Equal(["repeat_buyer", "lapsed", "bargain_hunter"], tags1);
        Assert.Equal(["new_customer", "cart_abandoner", "fan:shoes"], tags2);
    }

    private static List<(long Seq, BehaviorEvent Event)> History() =>
    [
        At(1, EventType.View, 20, "sneaker"), At(2, EventType.View, 19, "boot"), At(3, EventType.AddToCart, 19, "boot"),
        Purchase(4, 18, 120m), At(5, EventType.Review, 10, "boot") with { Event = At(5, EventType.Review, 10, "boot").Event with { Rating = 4 } },
        At(6, EventType.Search, 3) with { Event = At(6, EventType.Search, 3).Event with { Query = "red scarf" } },
        At(7, EventType.View, 3, "scarf"), Campaign(8, EventType.CampaignExposure, 2), Campaign(9, EventType.CampaignClick, 2),
        Purchase(10, 1, 20m), At(11, EventType.View, 0, "sneaker"),
    ];

    private static (long Seq, BehaviorEvent Event) At(long seq, EventType type, double daysAgo, string? item = null) =>
        (seq, Event($"e{seq}", type, Now.AddDays(-daysAgo), item));

    private static (long Seq, BehaviorEvent Event) Purchase(long seq, double daysAgo, decimal amount) =>
        (seq, Event($"e{seq}", EventType.Purchase, Now.AddDays(-daysAgo), "boot") with { Amount = amount, Currency = "EUR" });

    private static (long Seq, BehaviorEvent Event) Campaign(long seq, EventType type, double daysAgo) =>
        (seq, Event($"e{seq}", type, Now.AddDays(-daysAgo), null) with { CampaignId = "spring" });

    private static BehaviorEvent Event(string id, EventType type, DateTimeOffset at, string? item) =>
        new(id, "u1", type, at, item, null, null, null, null, null, null, null, null, null);

    private static ItemFacts? Lookup(string itemId) => Catalog.GetValueOrDefault(itemId);

    private static UserProfile Fold(IReadOnlyList<(long Seq, BehaviorEvent Event)> events)
    {
        var profile = new UserProfile();
        ProfileFolder.Apply(profile, events, Lookup, Settings);
        return profile;
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
