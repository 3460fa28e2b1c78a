using Platform.Domain.Decisions;
using Platform.Domain.Events;
using Platform.Domain.Profiles;
using Platform.Domain.Tests.Campaigns;

namespace Platform.Domain.Tests.Decisions;

public sealed class ItemRankingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheHistoryIsTheItemInteractionsOldestFirstAndPurchasesAreRemembered()
    {
        var view = View(
            (EventType.View, "boot", "shoes", -3),
            (EventType.Purchase, "boot", "shoes", -2),
            (EventType.Search, null, null, -1.5),
            (EventType.AddToCart, "tee", "shirts", -1));

        Assert.Equal(["boot", "tee"], ItemRanking.History(view).Select(s => s.ItemId)); // the repeat of boot is dropped, as training drops it
        Assert.Equal(["boot"], ItemRanking.Purchased(view));
        Assert.Equal("Close to tee, which this shopper put in the cart on 2026-10-31.", ItemRanking.HistoryReason(ItemRanking.History(view)[^1]));
    }

    [Fact]
    public void PopularityIsRaisedByTheUsersTasteForTheCategory()
    {
        var view = View((EventType.View, "boot", "shoes", -1));

        Assert.Equal(20, ItemRanking.PopularityScore(10, view, "shoes"), 6); // all of the user's interest is in shoes
        Assert.Equal(10, ItemRanking.PopularityScore(10, view, "shirts"));
        Assert.Equal("Popular in shoes, a category this shopper likes.", ItemRanking.PopularityReason(view, "shoes"));
        Assert.Equal("Among the shop's most popular items.", ItemRanking.PopularityReason(view, null));
    }

    [Fact]
    public void ACampaignsScopeIsItsItemsAndCategories()
    {
        var inScope = ItemRanking.Scope(CampaignDesignRulesTests.Valid() with { ItemIds = ["hat"], CategoryIds = ["shoes"] });

        Assert.True(inScope("hat", "hats"));
        Assert.True(inScope("boot", "shoes"));
        Assert.False(inScope("tee", "shirts"));
        Assert.False(inScope("tee", null));
        Assert.True(ItemRanking.Scope(CampaignDesignRulesTests.Valid())("tee", null)); // no scope: every item
    }

    private static ProfileView View(params (EventType Type, string? Item, string? Category, double Days)[] events)
    {
        var profile = new UserProfile();
        var catalog = events.Where(e => e.Item is not null).DistinctBy(e => e.Item).ToDictionary(e => e.Item!, e => new ItemFacts(e.Item!, e.Category, null, null));
        ProfileFolder.Apply(profile, events.Select((e, i) => ((long)i + 1, new BehaviorEvent(
            $"e{i}", "ann", e.Type, Now.AddDays(e.Days), e.Item, e.Category, e.Type == EventType.Purchase ? 1 : null, e.Type == EventType.Purchase ? 30m : null,
            e.Type == EventType.Purchase ? "EUR" : null, null, null, e.Type == EventType.Search ? "boots" : null, null, null))).ToList(), id => catalog.GetValueOrDefault(id), ProfileSettings.Default);
        return ProfileReader.Read(profile, Now, ProfileSettings.Default);
    }
}
