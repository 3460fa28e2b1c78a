using Platform.Domain.Campaigns;
using Platform.Domain.Events;
using Platform.Domain.Measurement;
using Platform.Domain.Profiles;

namespace Platform.Domain.Tests.Campaigns;

public sealed class CampaignAttributionTests
{
    private const string Tenant = "shop";
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Campaign Boots = Live("boots", holdout: 0);
    private static readonly Campaign Scarves = Live("scarves", holdout: 0);
    private static readonly Campaign AllControl = Live("all-control", holdout: 0.5);
    private static readonly Campaign FiveOff = Live("five-off", holdout: 0) with { Design = Boots.Design with { Type = CampaignType.AmountOff, Value = 5m } };

    [Fact]
    public void TheFirstExposureEnrollsWithTheFeaturesOfBefore()
    {
        var profile = Fold("ann", Purchase(1, -2, 30m), Exposure(2, 0, Boots));

        var enrollment = Assert.Single(profile.Enrollments);
        Assert.Equal((CampaignArm.Treatment, Start, 1), (enrollment.Arm, enrollment.AssignedAt, enrollment.Exposures));
        Assert.Equal((1.0, 30.0), (enrollment.Features!["purchases"], enrollment.Features["revenue"]));
        Assert.Equal(0, enrollment.WindowPurchases); // the purchase came before assignment
    }

    [Fact]
    public void TheAssignmentKeepsThePrePeriodOfWholeDaysBefore()
    {
        var profile = Fold("ann", Purchase(1, -40, 99m), Purchase(2, -2, 30m), Event(3, -1, EventType.CampaignClick, Scarves), Purchase(4, 0, 7m), Exposure(5, 0.5, Boots));

        var enrollment = profile.Enrollments.Single(e => e.CampaignId == Boots.Id);
        // 40 days ago is outside the 30-day pre-period; the purchase on the day of assignment is not before it.
        Assert.Equal([1.0, 30.0, 0.0, 1.0], enrollment.Covariates);
        Assert.Equal([0.0, 0.0, 0.0, 1.0], PrePeriod.Of(profile, enrollment.AssignedAt, days: 1)); // yesterday only: the click
    }

    [Fact]
    public void TreatmentCountsParticipationRedemptionsAndTheirCost()
    {
        var profile = Fold("ann", Exposure(1, 0, Boots), Event(2, 1, EventType.CampaignClick, Boots, duration: 40), Event(3, 2, EventType.CouponClaim, Boots, duration: 20),
            Event(4, 3, EventType.CouponRedeem, Boots, amount: 12m));

        var x = Assert.Single(profile.Enrollments);
        Assert.Equal((1, 2, 60.0, 1, 12m, 0), (x.Exposures, x.Participations, x.EngagementSeconds, x.Redemptions, x.DiscountCost, x.HoldoutLeaks));
    }

    [Fact]
    public void ARedemptionTheBudgetRefusedCountsAsOverBudgetWithoutCost()
    {
        var profile = new UserProfile();
        var events = new[] { Event(1, 0, EventType.CouponRedeem, Boots, amount: 10m), Event(2, 1, EventType.CouponRedeem, Boots, amount: 10m) };
        ProfileFolder.Apply(profile, events, _ => null, ProfileSettings.Default, Context("ann") with { OverBudget = id => id == "e2" });

        var x = Assert.Single(profile.Enrollments);
        Assert.Equal((1, 10m, 1), (x.Redemptions, x.DiscountCost, x.RedemptionsOverBudget));
    }

    [Fact]
    public void OnlyTreatmentRedemptionsOfBudgetedCampaignsAskTheBudget()
    {
        var redeem = Event(1, 0, EventType.CouponRedeem, Boots, amount: 6m).Event;
        Assert.Equal(6m, CampaignAttribution.BudgetCharge(redeem, Boots, Context("ann")));
        Assert.Null(CampaignAttribution.BudgetCharge(redeem, Boots with { Design = Boots.Design with { Budget = null } }, Context("ann")));
        Assert.Null(CampaignAttribution.BudgetCharge(redeem with { CampaignId = AllControl.Id }, AllControl, Context(UserOn(AllControl, CampaignArm.Control))));
        Assert.Null(CampaignAttribution.BudgetCharge(Exposure(2, 0, Boots).Event, Boots, Context("ann")));
    }

    [Fact]
    public void BudgetChargesComeInTheOrderTheRedemptionsHappened()
    {
        var late = Event(1, 5, EventType.CouponRedeem, Boots, amount: 7m).Event;
        var early = Event(2, 1, EventType.CouponRedeem, Boots, amount: 3m).Event;
        var exposure = Exposure(3, 0, Boots).Event;

        var charges = CampaignAttribution.BudgetCharges([late, exposure, early], new UserProfile(), Context("ann") with { Admitted = new HashSet<string> { late.EventId, exposure.EventId, early.EventId } });

        Assert.Equal([(early.EventId, Boots.Id, 3m), (late.EventId, Boots.Id, 7m)], charges);
    }

    [Fact]
    public void CampaignsAreReadAgainOnlyWhenAnEventNamesOneNotKnownAsLive()
    {
        var known = new Dictionary<string, Campaign> { [Boots.Id] = Boots };

        Assert.False(CampaignAttribution.NeedsFreshCampaigns([Exposure(1, 0, Boots).Event], known));
        Assert.True(CampaignAttribution.NeedsFreshCampaigns([Exposure(1, 0, Scarves).Event], known));
        Assert.False(CampaignAttribution.NeedsFreshCampaigns([Event(1, 0, EventType.Purchase, Scarves, amount: 5m).Event], known));
    }

    [Fact]
    public void AnAmountOffRedemptionWithoutAmountCostsTheCampaignsValue()
    {
        var x = Assert.Single(Fold("ann", Event(1, 0, EventType.CouponRedeem, FiveOff)).Enrollments);
        Assert.Equal(5m, x.DiscountCost);
    }

    [Fact]
    public void AControlUserIsEnrolledByExposureAndItsClaimsAreLeaks()
    {
        var held = UserOn(AllControl, CampaignArm.Control);
        var profile = Fold(held, Exposure(1, 0, AllControl), Event(2, 1, EventType.CouponClaim, AllControl), Purchase(3, 2, 50m));

        var x = Assert.Single(profile.Enrollments);
        Assert.Equal((CampaignArm.Control, 0, 0, 1), (x.Arm, x.Exposures, x.Participations, x.HoldoutLeaks));
        Assert.Equal((1, 50m, 0, 0m), (x.WindowPurchases, x.WindowRevenue, x.Orders, x.Gmv)); // outcomes count for lift, orders only for treatment
    }

    [Fact]
    public void PurchasesCountInsideTheWindowOnly()
    {
        var profile = Fold("ann", Exposure(1, 0, Boots), Purchase(2, 1, 10m), Purchase(3, 6.9, 20m), Purchase(4, 7.1, 40m));

        var x = Assert.Single(profile.Enrollments);
        Assert.Equal((2, 30m, 2, 30m), (x.WindowPurchases, x.WindowRevenue, x.Orders, x.Gmv));
    }

    [Fact]
    public void APurchaseGoesToTheCampaignItNamesElseTheLatestAssigned()
    {
        var profile = Fold("ann", Exposure(1, 0, Boots), Exposure(2, 1, Scarves), Purchase(3, 2, 10m), Purchase(4, 3, 20m, campaign: Boots));

        var boots = profile.Enrollments.Single(x => x.CampaignId == "boots");
        var scarves = profile.Enrollments.Single(x => x.CampaignId == "scarves");
        Assert.Equal((1, 20m), (boots.Orders, boots.Gmv));
        Assert.Equal((1, 10m), (scarves.Orders, scarves.Gmv));
        Assert.Equal((2, 2), (boots.WindowPurchases, scarves.WindowPurchases)); // each experiment counts every purchase in its window
    }

    [Fact]
    public void EventsOutsideALaunchedRunDoNotEnroll()
    {
        var draft = Boots with { Id = "draft", LaunchedAt = null };
        var imported = Boots with { Id = "imported", Source = CampaignSource.Imported };
        var ended = Boots with { Id = "ended", EndedAt = Start.AddDays(1) };
        var profile = Fold("ann", [draft, imported, ended], Exposure(1, 0, draft), Exposure(2, 0, imported), Exposure(3, 2, ended), Exposure(4, -1, Boots), Exposure(5, 0, Live("unknown", 0)));

        Assert.Empty(profile.Enrollments);
    }

    [Fact]
    public void AReviewOfAnItemBoughtInAnAttributedOrderRatesTheCampaign()
    {
        var profile = Fold("ann", Exposure(1, 0, Boots), Purchase(2, 1, 80m, item: "boot-7"), Review(3, 2, "boot-7", 4), Review(4, 2, "hat", 1));

        var x = Assert.Single(profile.Enrollments);
        Assert.Equal((4, 1), (x.RatingSum, x.RatingCount));
    }

    [Fact]
    public void ToMakeRoomAClosedWindowIsLetGoForGoodAndOpenOnesAreKept()
    {
        var campaigns = Enumerable.Range(0, CampaignAttribution.MaxEnrollments + 2).Select(i => Live($"c{i}", holdout: 0)).ToArray();
        var profile = new UserProfile();
        var context = Context("ann", campaigns);
        var seq = 0L;
        void Expose(Campaign campaign, double day) => ProfileFolder.Apply(profile, [Exposure(++seq, day, campaign)], _ => null, ProfileSettings.Default, context);

        Expose(campaigns[0], 0); // its 7-day window closes on day 7
        for (var i = 1; i < CampaignAttribution.MaxEnrollments; i++)
        {
            Expose(campaigns[i], 5);
        }

        Expose(campaigns[20], 6); // every window still open: not enrolled
        Assert.DoesNotContain(profile.Enrollments, x => x.CampaignId == "c20");

        Expose(campaigns[21], 8); // c0's window has closed: it makes room
        Assert.Contains(profile.Enrollments, x => x.CampaignId == "c21");
        Assert.Equal(["c0"], profile.ClosedEnrollments);

        Expose(campaigns[0], 9); // and c0 does not enroll the user again
        Assert.DoesNotContain(profile.Enrollments, x => x.CampaignId == "c0");
    }

    [Fact]
    public void ReplayingTheLogChangesNoEnrollment()
    {
        var events = new[] { Exposure(1, 0, Boots), Event(2, 1, EventType.CouponRedeem, Boots, amount: 3m), Purchase(3, 2, 10m) };
        var profile = Fold("ann", events);
        var before = profile.Enrollments.Single();

        ProfileFolder.Apply(profile, events.Select(e => (e.Seq, e.Event)), _ => null, ProfileSettings.Default, Context("ann"));

        Assert.Same(before, profile.Enrollments.Single());
    }

    private static Campaign Live(string id, double holdout) =>
        new(id, CampaignDesignRulesTests.Valid() with { StartsAt = Start, EndsAt = Start.AddDays(30), HoldoutShare = holdout }, CampaignStatus.Running,
            CampaignSource.Designed, Start.AddDays(-1), Start, LaunchedAt: Start.AddDays(-1));

    private static string UserOn(Campaign campaign, CampaignArm arm) =>
        Enumerable.Range(0, 100).Select(i => $"s{i}").First(id => HoldoutAssignment.Assign(Tenant, campaign.Id, id, campaign.Design.HoldoutShare) == arm);

    private static CampaignContext Context(string userId, params Campaign[] more) =>
        new(Tenant, userId, id => new[] { Boots, Scarves, AllControl, FiveOff }.Concat(more).FirstOrDefault(c => c.Id == id));

    private static UserProfile Fold(string userId, params (long Seq, BehaviorEvent Event)[] events) => Fold(userId, [], events);

    private static UserProfile Fold(string userId, Campaign[] more, params (long Seq, BehaviorEvent Event)[] events)
    {
        var profile = new UserProfile();
        ProfileFolder.Apply(profile, events, _ => null, ProfileSettings.Default, Context(userId, more));
        return profile;
    }

    private static (long Seq, BehaviorEvent Event) Event(long seq, double days, EventType type, Campaign campaign, decimal? amount = null, double? duration = null) =>
        (seq, new BehaviorEvent($"e{seq}", "ignored", type, Start.AddDays(days), null, null, null, amount, amount is null ? null : "EUR", campaign.Id, null, null, duration, null));

    private static (long Seq, BehaviorEvent Event) Exposure(long seq, double days, Campaign campaign) => Event(seq, days, EventType.CampaignExposure, campaign);

    private static (long Seq, BehaviorEvent Event) Purchase(long seq, double days, decimal amount, Campaign? campaign = null, string? item = null) =>
        (seq, new BehaviorEvent($"e{seq}", "ignored", EventType.Purchase, Start.AddDays(days), item, null, 1, amount, "EUR", campaign?.Id, null, null, null, null));

    private static (long Seq, BehaviorEvent Event) Review(long seq, double days, string item, int rating) =>
        (seq, new BehaviorEvent($"e{seq}", "ignored", EventType.Review, Start.AddDays(days), item, null, null, null, null, null, rating, null, null, null));
}
