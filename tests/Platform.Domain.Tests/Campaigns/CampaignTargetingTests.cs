using Platform.Domain.Audiences;
using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Events;
using Platform.Domain.Profiles;
using Platform.Domain.Users;

namespace Platform.Domain.Tests.Campaigns;

public sealed class CampaignTargetingTests
{
    private const string Tenant = "shop";
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly AudienceRule Buyers = new(Field: "purchases", Op: RuleOperator.Gte, Number: 1);

    [Fact]
    public void AUserOutsideTheAudienceIsNotEnrolledUntilTheyEnterIt()
    {
        var campaign = Live("buyers", new Audience(Rule: Buyers));
        var profile = new UserProfile();
        var context = Context(campaign);

        Fold(profile, context, Event(1, 0, EventType.CampaignExposure, campaign), Event(2, 0.1, EventType.CouponRedeem, campaign, amount: 5m));
        Assert.Empty(profile.Enrollments);

        Fold(profile, context, Purchase(3, 1, 20m), Event(4, 2, EventType.CampaignExposure, campaign));
        var enrollment = Assert.Single(profile.Enrollments);
        Assert.Equal((Start.AddDays(2), 1, 0), (enrollment.AssignedAt, enrollment.Exposures, enrollment.Redemptions));
    }

    [Fact]
    public void TagAudiencesReadTheStoredAttributesTheCallerLoaded()
    {
        var campaign = Live("vip", new Audience(Tags: ["vip"]));
        var events = new[] { Event(1, 0, EventType.CampaignExposure, campaign) };
        var context = Context(campaign);
        Assert.True(CampaignAttribution.NeedsUserData(events.Select(e => e.Event), new UserProfile(), context));

        var without = new UserProfile();
        Fold(without, context, events);
        Assert.Empty(without.Enrollments);

        var with = new UserProfile();
        Fold(with, context with { Attributes = new UserAttributes("ann", null, null, null, null, null, [], ["vip"]) }, events);
        Assert.Single(with.Enrollments);
        Assert.False(CampaignAttribution.NeedsUserData(events.Select(e => e.Event), with, context)); // enrolled: no audience to check
    }

    [Fact]
    public void AnUpliftAudienceHoldsTheUsersItPickedAtLaunch()
    {
        var campaign = Live("picked", new Audience(Uplift: new UpliftSelection(TargetingKind.TopPercent, 10)));
        var events = new[] { Event(1, 0, EventType.CampaignExposure, campaign) };
        Assert.True(CampaignAttribution.NeedsUserData(events.Select(e => e.Event), new UserProfile(), Context(campaign)));

        var unpicked = new UserProfile();
        Fold(unpicked, Context(campaign) with { PickedFor = new HashSet<string> { "another-campaign" } }, events);
        var picked = new UserProfile();
        Fold(picked, Context(campaign) with { PickedFor = new HashSet<string> { campaign.Id } }, events);
        Assert.Equal((0, 1), (unpicked.Enrollments.Count, picked.Enrollments.Count));
    }

    [Fact]
    public void ListedUsersNeedNoStoredData()
    {
        var campaign = Live("listed", new Audience(UserIds: ["ann"]));
        var events = new[] { Event(1, 0, EventType.CampaignExposure, campaign) };
        Assert.False(CampaignAttribution.NeedsUserData(events.Select(e => e.Event), new UserProfile(), Context(campaign)));

        var ann = new UserProfile();
        Fold(ann, Context(campaign), events);
        var bob = new UserProfile();
        Fold(bob, Context(campaign) with { UserId = "bob" }, events);
        Assert.Equal((1, 0), (ann.Enrollments.Count, bob.Enrollments.Count));
    }

    [Fact]
    public void TheBudgetIsAskedForExactlyTheRedemptionsTheAudienceAdmits()
    {
        var campaign = Live("buyers", new Audience(Rule: Buyers));
        var context = Context(campaign);
        var outside = new[] { Event(1, 0, EventType.CouponRedeem, campaign, amount: 5m) };
        Assert.Empty(CampaignAttribution.BudgetCharges(outside.Select(e => e.Event), new UserProfile(), context with { Admitted = Admit(new UserProfile(), context, outside) }));

        // A purchase earlier in the same batch brings the user into the audience before the redemption: both agree.
        var batch = new[] { Purchase(1, 0, 20m), Event(2, 0.5, EventType.CouponRedeem, campaign, amount: 5m) };
        var admitted = context with { Admitted = Admit(new UserProfile(), context, batch) };
        Assert.Equal(["e2"], CampaignAttribution.BudgetCharges(batch.Select(e => e.Event), new UserProfile(), admitted).Select(c => c.EventId));
        var profile = new UserProfile();
        Fold(profile, admitted, batch);
        Assert.Equal(1, Assert.Single(profile.Enrollments).Redemptions);
    }

    private static IReadOnlySet<string> Admit(UserProfile profile, CampaignContext context, (long Seq, BehaviorEvent Event)[] events) =>
        CampaignAttribution.Admissions(profile, events, _ => null, context, ProfileSettings.Default);

    [Fact]
    public void OnlyPurchasesInScopeAreTheCampaignsOrdersButAllCountForLift()
    {
        var campaign = Live("shoes", null) is var c ? c with { Design = c.Design with { CategoryIds = ["shoes"], ItemIds = ["hat-1"] } } : null!;
        var catalog = new Dictionary<string, ItemFacts> { ["boot-1"] = new("boot-1", "shoes", null, null), ["shirt-1"] = new("shirt-1", "shirts", null, null) };
        var profile = new UserProfile();

        ProfileFolder.Apply(profile, [
            Event(1, 0, EventType.CampaignExposure, campaign),
            Purchase(2, 1, 30m, item: "boot-1"), // in a scoped category (from the catalog)
            Purchase(3, 1, 40m, item: "shirt-1"), // out of scope
            Purchase(4, 1, 50m, item: "hat-1"), // a scoped item
            Purchase(5, 1, 60m, item: "unknown-1"), // its category unknown: not held against it
        ], id => catalog.GetValueOrDefault(id), ProfileSettings.Default, Context(campaign));

        var x = Assert.Single(profile.Enrollments);
        Assert.Equal((4, 180m, 3, 140m), (x.WindowPurchases, x.WindowRevenue, x.Orders, x.Gmv));
    }

    [Theory]
    [InlineData(null, 40, false)] // an order below the minimum
    [InlineData(null, 49.99, false)]
    [InlineData(null, 50, true)]
    [InlineData("line-1", 10, true)] // a line is not the order
    public void MinimumSpendJudgesOrderLevelPurchases(string? item, double amount, bool counts)
    {
        var design = Live("min", null).Design with { MinimumSpend = 50m };
        var purchase = Purchase(1, 0, (decimal)amount, item: item).Event;

        Assert.Equal(counts, CampaignTargeting.CanBeOrderOf(design, purchase, null));
    }

    [Fact]
    public void TheDailyCapCountsTodaysExposuresOnly()
    {
        var campaign = Live("capped", null) is var c ? c with { Design = c.Design with { FrequencyCapPerDay = 2 } } : null!;
        var profile = new UserProfile();
        Fold(profile, Context(campaign), Event(1, 0.1, EventType.CampaignExposure, campaign), Event(2, 1.1, EventType.CampaignExposure, campaign));
        var dayOne = Start.AddDays(1.5);
        Assert.Null(CampaignTargeting.Check(campaign, "ann", Snapshot(profile, dayOne), dayOne));

        Fold(profile, Context(campaign), Event(3, 1.2, EventType.CampaignExposure, campaign), Event(4, 0.2, EventType.CampaignExposure, campaign));
        Assert.Equal(2, CampaignTargeting.ExposuresOn(profile.Campaigns.Single(), dayOne)); // the late one of day 0 does not count for day 1
        Assert.Equal(Ineligibility.FrequencyCapReached, CampaignTargeting.Check(campaign, "ann", Snapshot(profile, dayOne), dayOne));
        Assert.Null(CampaignTargeting.Check(campaign, "ann", Snapshot(profile, Start.AddDays(2)), Start.AddDays(2)));
    }

    [Fact]
    public void CheckNamesWhyAUserMayNotBeShownACampaign()
    {
        var audience = Live("buyers", new Audience(Rule: Buyers));
        var empty = Snapshot(new UserProfile(), Start);

        Assert.Equal(Ineligibility.NotInAudience, CampaignTargeting.Check(audience, "ann", empty, Start));
        Assert.Equal(Ineligibility.NotRunning, CampaignTargeting.Check(audience with { Status = CampaignStatus.Paused }, "ann", empty, Start));
        Assert.Null(CampaignTargeting.Check(Live("all", null), "ann", empty, Start));
    }

    private static UserSnapshot Snapshot(UserProfile profile, DateTimeOffset at) => new(ProfileReader.Read(profile, at, ProfileSettings.Default), null);

    private static Campaign Live(string id, Audience? audience) =>
        new(id, CampaignDesignRulesTests.Valid() with { StartsAt = Start, EndsAt = Start.AddDays(30), HoldoutShare = 0, Audience = audience, FrequencyCapPerDay = null },
            CampaignStatus.Running, CampaignSource.Designed, Start.AddDays(-1), Start, LaunchedAt: Start.AddDays(-1));

    private static CampaignContext Context(Campaign campaign) => new(Tenant, "ann", id => id == campaign.Id ? campaign : null);

    private static void Fold(UserProfile profile, CampaignContext context, params (long Seq, BehaviorEvent Event)[] events) =>
        ProfileFolder.Apply(profile, events.Select(e => (e.Seq + profile.AppliedSeq, e.Event)).ToList(), _ => null, ProfileSettings.Default, context);

    private static (long Seq, BehaviorEvent Event) Event(long seq, double days, EventType type, Campaign campaign, decimal? amount = null) =>
        (seq, new BehaviorEvent($"e{seq}", "ann", type, Start.AddDays(days), null, null, null, amount, amount is null ? null : "EUR", campaign.Id, null, null, null, null));

    private static (long Seq, BehaviorEvent Event) Purchase(long seq, double days, decimal amount, string? item = null) =>
        (seq, new BehaviorEvent($"e{seq}", "ann", EventType.Purchase, Start.AddDays(days), item, null, 1, amount, "EUR", null, null, null, null, null));
}
