using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Events;
using Platform.Domain.Modeling;
using Platform.Domain.Profiles;
using Platform.Domain.Tests.Campaigns;

namespace Platform.Domain.Tests.Decisions;

public sealed class FallbackRankingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CampaignsInTheUsersFavouriteCategoriesComeFirstThenTheOneEndingSooner()
    {
        var profile = new UserProfile();
        var catalog = new Dictionary<string, ItemFacts> { ["boot"] = new("boot", "shoes", null, null), ["tee"] = new("tee", "shirts", null, null) };
        var events = Enumerable.Range(0, 3).Select(i => ((long)i + 1, View(i, "boot"))).Append((4L, View(4, "tee"))).ToList();
        ProfileFolder.Apply(profile, events, id => catalog.GetValueOrDefault(id), ProfileSettings.Default);
        var view = ProfileReader.Read(profile, Now, ProfileSettings.Default);

        var shoes = Campaign("shoes", ["shoes"], days: 10);
        var shirts = Campaign("shirts", ["shirts"], days: 10);
        var anything = Campaign("anything", null, days: 10);
        var anythingSooner = Campaign("anything-sooner", null, days: 5);

        Assert.Equal(["shoes", "shirts", "anything-sooner", "anything"], FallbackRanking.Rank([anything, shirts, anythingSooner, shoes], view).Select(c => c.Campaign.Id));
        Assert.Equal(0.75, FallbackRanking.Match(shoes.Design, view), 2); // three of four views, decayed by the hours between them
        Assert.Equal("Its categories hold 75% of this shopper's category interest.", FallbackRanking.Reason(shoes.Design, view));
        Assert.Equal(FallbackRanking.UnscopedMatch, FallbackRanking.Match(anything.Design, view));
    }

    [Theory]
    [InlineData("recency_days", 3.0, "days since the last purchase: 3")]
    [InlineData("recency_days", -1.0, "no purchase yet")]
    [InlineData("discount_sensitivity", 0.25, "share of purchases made with a discount: 25%")]
    [InlineData("affinity:shoes", 0.4, "interest in category shoes: 40%")]
    [InlineData("tag:vip", 1.0, "tagged vip")]
    [InlineData("loyalty_points", 1200.5, "loyalty_points: 1200.5")]
    public void FeaturesReadAsPlainWords(string name, double value, string words) =>
        Assert.Equal(words, FeatureWords.Describe(name, FeatureValue.Of(value)));

    [Fact]
    public void AReasonSaysWhichWayAndHowMuch()
    {
        Assert.Equal(
            "days since the last purchase: 3: raises the expected incremental margin by 1.25 compared with an average shopper.",
            FeatureWords.Reason("recency_days", FeatureValue.Of(3), 1.25, Objective.IncrementalMargin));
        Assert.Equal(
            "region: north: lowers the expected chance the offer adds a purchase by 2 points compared with an average shopper.",
            FeatureWords.Reason("region", FeatureValue.Of("north"), -0.02, Objective.IncrementalConversions));
    }

    private static Campaign Campaign(string id, IReadOnlyList<string>? categories, int days) =>
        new(id, CampaignDesignRulesTests.Valid() with { CategoryIds = categories, StartsAt = Now.AddDays(-1), EndsAt = Now.AddDays(days) },
            CampaignStatus.Running, CampaignSource.Designed, Now.AddDays(-2), Now.AddDays(-2), LaunchedAt: Now.AddDays(-1));

    private static BehaviorEvent View(int i, string item) =>
        new($"v{i}", "ann", EventType.View, Now.AddHours(-i - 1), item, null, null, null, null, null, null, null, null, null);
}
