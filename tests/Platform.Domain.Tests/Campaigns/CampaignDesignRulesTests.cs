using Platform.Domain.Audiences;
using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;

namespace Platform.Domain.Tests.Campaigns;

public sealed class CampaignDesignRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static CampaignDesign Valid() => new("Winter sale", CampaignType.PercentOff, 20m, Channel.Email, Start, Start.AddDays(14), Budget: 5_000m);

    [Fact]
    public void AValidDesignBreaksNoRule() => Assert.Empty(CampaignDesignRules.Validate(Valid()));

    public static TheoryData<CampaignDesign, string, string> Broken => new()
    {
        { Valid() with { Name = " " }, "name", "length" },
        { Valid() with { Name = new string('n', 121) }, "name", "length" },
        { Valid() with { Name = "Winter\0sale" }, "name", "format" },
        { Valid() with { Value = 0m }, "value", "percent_range" },
        { Valid() with { Value = 90.01m }, "value", "percent_range" },
        { Valid() with { Value = null }, "value", "percent_range" },
        { Valid() with { Type = CampaignType.FlashSale, Value = 95m }, "value", "percent_range" },
        { Valid() with { Type = CampaignType.AmountOff, Value = -5m }, "value", "positive" },
        { Valid() with { Type = CampaignType.PointsMultiplier, Value = 1m }, "value", "multiplier_range" },
        { Valid() with { Type = CampaignType.FreeShipping, Value = 5m }, "value", "not_allowed" },
        { Valid() with { Type = CampaignType.MessageOnly, Value = 5m }, "value", "not_allowed" },
        { Valid() with { Channel = null }, "channel", "required" },
        { Valid() with { EndsAt = Start }, "endsAt", "after_start" },
        { Valid() with { EndsAt = Start.AddDays(367) }, "endsAt", "max_duration" },
        { Valid() with { Budget = 0m }, "budget", "out_of_range" },
        { Valid() with { MinimumSpend = -1m }, "minimumSpend", "out_of_range" },
        { Valid() with { CostPerContact = -0.01m }, "costPerContact", "out_of_range" },
        { Valid() with { CostPerContact = 1_000.01m }, "costPerContact", "out_of_range" },
        { Valid() with { FrequencyCapPerDay = 0 }, "frequencyCapPerDay", "out_of_range" },
        { Valid() with { HoldoutShare = 0.51 }, "holdoutShare", "out_of_range" },
        { Valid() with { HoldoutShare = double.NaN }, "holdoutShare", "out_of_range" },
        { Valid() with { HoldoutShare = -0.1 }, "holdoutShare", "out_of_range" },
        { Valid() with { AttributionWindowDays = 0 }, "attributionWindowDays", "out_of_range" },
        { Valid() with { AttributionWindowDays = 91 }, "attributionWindowDays", "out_of_range" },
        { Valid() with { Type = CampaignType.Bundle, ItemIds = ["a", "a"] }, "itemIds", "bundle_items" },
        { Valid() with { ThemeTags = Enumerable.Range(0, 21).Select(i => $"t{i}").ToList() }, "themeTags", "too_many" },
        { Valid() with { CategoryIds = ["shoes", ""] }, "categoryIds[1]", "required" },
        { Valid() with { Audience = new Audience(All: true, Tags: ["vip"]) }, "audience", "one_of" },
        { Valid() with { Audience = new Audience(Uplift: new UpliftSelection(TargetingKind.PositiveMargin, CampaignId: "cmp-2")) }, "audience.uplift.campaignId", "not_applicable" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void EachBrokenRuleIsReportedWithItsField(CampaignDesign design, string field, string rule)
    {
        var violation = Assert.Single(CampaignDesignRules.Validate(design));
        Assert.Equal((field, rule), (violation.Field, violation.Rule));
    }

    [Fact]
    public void EveryBrokenRuleIsReportedAtOnce()
    {
        var design = Valid() with { Name = "", Value = 0m, Budget = -1m, HoldoutShare = 0.9 };
        Assert.Equal(["name", "value", "budget", "holdoutShare"], CampaignDesignRules.Validate(design).Select(v => v.Field));
    }

    [Theory]
    [InlineData(CampaignType.FreeShipping, null)]
    [InlineData(CampaignType.MessageOnly, null)]
    [InlineData(CampaignType.AmountOff, 10.0)]
    [InlineData(CampaignType.PointsMultiplier, 3.0)]
    [InlineData(CampaignType.PercentOff, 90.0)]
    public void EachTypeTakesItsKindOfValue(CampaignType type, double? value) =>
        Assert.Empty(CampaignDesignRules.Validate(Valid() with { Type = type, Value = (decimal?)value }));

    [Fact]
    public void ABundleWithTwoItemsIsValid() =>
        Assert.Empty(CampaignDesignRules.Validate(Valid() with { Type = CampaignType.Bundle, Value = 15m, ItemIds = ["a", "b"] }));
}
