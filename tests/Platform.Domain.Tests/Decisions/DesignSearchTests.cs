using Platform.Domain.Audiences;
using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Tests.Campaigns;

namespace Platform.Domain.Tests.Decisions;

public sealed class DesignSearchTests
{
    private static readonly CampaignDesign Base = CampaignDesignRulesTests.Valid() with { Type = CampaignType.PercentOff, Value = 10m, Channel = Channel.Email };

    [Fact]
    public void EveryCombinationIsACandidateAndAValueATypeCannotTakeIsSkippedForIt()
    {
        var search = new DesignSearch(
            Base,
            Types: [CampaignType.PercentOff, CampaignType.PointsMultiplier, CampaignType.FreeShipping],
            Values: [0.5m, 10m, 95m],
            Channels: [Channel.Email, Channel.Push],
            DurationsDays: [7, 14],
            Targetings: [DesignTargeting.Everyone, new DesignTargeting(TargetingKind.TopPercent, 20)]);

        var designs = search.Designs();

        // PERCENT_OFF takes 0.5 and 10 (95 is over 90); POINTS_MULTIPLIER only 10; FREE_SHIPPING none, once.
        Assert.Equal((2 + 1 + 1) * 2 * 2, designs.Count);
        Assert.DoesNotContain(designs, d => d.Type == CampaignType.PercentOff && d.Value == 95m);
        Assert.All(designs.Where(d => d.Type == CampaignType.FreeShipping), d => Assert.Null(d.Value));
        Assert.All(designs, d => Assert.Empty(CampaignDesignRules.Validate(d)));
        Assert.Contains(designs, d => d.Duration == TimeSpan.FromDays(14) && d.StartsAt == Base.StartsAt);
        Assert.Equal(designs.Count * 2, search.Candidates().Count);
        Assert.Empty(search.Validate());
    }

    [Fact]
    public void EachChannelTriedCostsWhatItsContactCostsElseTheBasesCost()
    {
        var search = new DesignSearch(
            Base with { CostPerContact = 0.01m }, Channels: [Channel.Email, Channel.Sms, Channel.Push], ContactCosts: [new ChannelCost(Channel.Sms, 0.08m)]);

        var costs = search.Designs().ToDictionary(d => d.Channel!.Value, d => d.CostPerContact);

        Assert.Equal(new Dictionary<Channel, decimal> { [Channel.Email] = 0.01m, [Channel.Sms] = 0.08m, [Channel.Push] = 0.01m }, costs);
        Assert.Empty(search.Validate());
        Assert.Equal(
            [("contactCosts.0.costPerContact", "out_of_range"), ("contactCosts.2.channel", "not_used"), ("contactCosts", "duplicate")],
            (search with { ContactCosts = [new ChannelCost(Channel.Sms, -1m), new ChannelCost(Channel.Sms, 0.05m), new ChannelCost(Channel.Banner, 2m)] }).Validate().Select(v => (v.Field, v.Rule)));
        Assert.Equal(
            [("contactCosts.0.channel", "not_used")], // without channels, the design's own is the one tried
            new DesignSearch(Base, ContactCosts: [new ChannelCost(Channel.Sms, 0.08m)]).Validate().Select(v => (v.Field, v.Rule)));
    }

    [Fact]
    public void ListsLeftOutKeepTheBaseDesign()
    {
        var candidates = new DesignSearch(Base).Candidates();

        var only = Assert.Single(candidates);
        Assert.Equal(Base, only.Design);
        Assert.Equal(DesignTargeting.Everyone, only.Targeting);
    }

    [Fact]
    public void EveryBrokenRuleIsNamedWithItsField()
    {
        var search = new DesignSearch(
            Base with { Value = 120m },
            Budget: 0,
            Values: [-1m],
            DurationsDays: [0],
            Targetings: [new DesignTargeting(TargetingKind.TopPercent), new DesignTargeting(TargetingKind.All, 5), new DesignTargeting(TargetingKind.TopUpliftPercent, 0)],
            Constraints: new OptimizationConstraints(MinRoi: double.NaN, MaxCost: 0, MinReach: 0));

        var fields = search.Validate().Select(v => (v.Field, v.Rule)).ToList();

        Assert.Equal(
            [("design.value", "percent_range"), ("budget", "out_of_range"), ("values", "positive"), ("durationsDays", "out_of_range"),
             ("targetings.0.percent", "percent_range"), ("targetings.1.percent", "percent_range"), ("targetings.2.percent", "percent_range"),
             ("constraints.minRoi", "finite"), ("constraints.maxCost", "out_of_range"), ("constraints.minReach", "out_of_range")],
            fields);
    }

    [Fact]
    public void AnUpliftAudienceIsNotSearched()
    {
        var uplift = new Audience(Uplift: new UpliftSelection(TargetingKind.PositiveMargin, CampaignId: "cmp-1"));

        Assert.Equal([("audience.uplift", "not_applicable")], new DesignSearch(Base, Audience: uplift).Validate().Select(v => (v.Field, v.Rule)));
    }

    [Fact]
    public void ASearchTooLargeOrWithNoDesignLeftIsRefused()
    {
        var tooMany = new DesignSearch(Base, Values: Enumerable.Range(1, 20).Select(v => (decimal)v).ToList(), DurationsDays: Enumerable.Range(1, 11).ToList());
        Assert.Equal("too_many_candidates", Assert.Single(tooMany.Validate()).Rule);

        var huge = new DesignSearch(Base, Values: Enumerable.Range(1, 20).Select(v => (decimal)v).ToList(), Channels: [Channel.Email, Channel.Push, Channel.Sms, Channel.InApp, Channel.Banner], DurationsDays: Enumerable.Range(1, 20).ToList(), Types: [CampaignType.PercentOff, CampaignType.AmountOff, CampaignType.FlashSale]);
        Assert.Equal("too_many_candidates", Assert.Single(huge.Validate()).Rule); // refused before 6,000 designs are built

        var bundles = new DesignSearch(Base, Types: [CampaignType.Bundle, CampaignType.PercentOff]);
        Assert.Equal([CampaignType.PercentOff], bundles.Designs().Select(d => d.Type)); // a BUNDLE needs items the base lacks

        var none = new DesignSearch(Base, Types: [CampaignType.PercentOff], Values: [95m]);
        Assert.Equal(("values", "no_design"), Assert.Single(none.Validate()) is var v ? (v.Field, v.Rule) : default);

        // A list over its limit is too_many, as every list of the API (too_long is a text's).
        var longList = new DesignSearch(Base, DurationsDays: Enumerable.Range(1, DesignSearch.MaxListLength + 1).ToList());
        Assert.Contains(("durationsDays", "too_many"), longList.Validate().Select(v => (v.Field, v.Rule)));
    }

    [Fact]
    public void TopPercentPicksExactlyThatShareByMarginAndPositiveMarginPicksAboveZero()
    {
        float[] margins = [0.5f, -1f, 3f, 0f, 2f, 2f, -0.1f, 1f, 0.2f, 4f];

        var top = new DesignTargeting(TargetingKind.TopPercent, 25).Select(margins)!;
        var positive = new DesignTargeting(TargetingKind.PositiveMargin).Select(margins)!;

        // ⌈10 × 0.25⌉ = 3: margins 4, 3 and the first of the two 2s.
        Assert.Equal([2, 4, 9], Enumerable.Range(0, 10).Where(i => top[i]));
        Assert.Equal([0, 2, 4, 5, 7, 8, 9], Enumerable.Range(0, 10).Where(i => positive[i]));
        Assert.Null(DesignTargeting.Everyone.Select(margins));
        Assert.Equal(161, new DesignTargeting(TargetingKind.TopPercent, 16.1).Select(new float[1000])!.Count(p => p)); // not 162 by a floating-point hair
    }

    [Fact]
    public void TopUpliftPercentRanksByTheConversionUpliftWhereTheMarginKindsRankByMargin()
    {
        // A deep discount moves the first user most and costs more than it earns; the second earns a little on a small lift.
        var persuadable = new OfferValue(IncrementalConversions: 0.08, IncrementalRevenue: 4, DiscountCost: 6, IncrementalMargin: -4.8, Participation: 0.3, Score: new Estimate(0, 0, 0));
        var cheap = new OfferValue(IncrementalConversions: 0.01, IncrementalRevenue: 2, DiscountCost: 0.2, IncrementalMargin: 0.4, Participation: 0.1, Score: new Estimate(0, 0, 0));
        var byUplift = new DesignTargeting(TargetingKind.TopUpliftPercent, 50);
        var byMargin = new DesignTargeting(TargetingKind.TopPercent, 50);

        float[] Figures(DesignTargeting t) => [(float)DesignTargeting.Figure(t.RankedBy, persuadable), (float)DesignTargeting.Figure(t.RankedBy, cheap)];

        Assert.Equal((Objective.IncrementalConversions, Objective.IncrementalMargin), (byUplift.RankedBy, byMargin.RankedBy));
        Assert.Equal(Objective.IncrementalMargin, new DesignTargeting(TargetingKind.PositiveMargin).RankedBy);
        Assert.Equal([true, false], byUplift.Select(Figures(byUplift))!);
        Assert.Equal([false, true], byMargin.Select(Figures(byMargin))!);
        Assert.Equal("to the top 50% by predicted conversion uplift", byUplift.Describe());
    }
}
