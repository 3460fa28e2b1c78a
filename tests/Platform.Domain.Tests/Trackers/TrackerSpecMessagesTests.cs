using System.Text.Json;
using Platform.Domain.Events;
using Platform.Domain.Trackers;

namespace Platform.Domain.Tests.Trackers;

public sealed class TrackerSpecMessagesTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<EventDraft> EveryType => new(
        Draft("VIEW") with { ItemId = "sku-1", CategoryId = "games" },
        Draft("VIEW") with { CategoryId = "games" },
        Draft("SEARCH") with { Query = "blue roses" },
        Draft("CLICK") with { ItemId = "sku-1", DurationSeconds = 12.5 },
        Draft("ADD_TO_CART") with { ItemId = "sku-1", Quantity = 2 },
        Draft("REMOVE_FROM_CART") with { ItemId = "sku-1", Quantity = 1 },
        Draft("REVIEW") with { ItemId = "sku-1", Rating = 4 },
        Draft("CAMPAIGN_EXPOSURE") with { CampaignId = "c-1" },
        Draft("CAMPAIGN_CLICK") with { CampaignId = "c-1", DurationSeconds = 30 },
        Draft("COUPON_CLAIM") with { CampaignId = "c-1" },
        Draft("COUPON_REDEEM") with { CampaignId = "c-1", Amount = 4.5m, Currency = "EUR" },
        Draft("PURCHASE") with { Amount = 20m, Currency = "EUR" });

    [Theory]
    [MemberData(nameof(EveryType))]
    public void MappingTheSpecMessageOfAnEventGivesTheEventBack(EventDraft e)
    {
        var message = Map(e);

        Assert.Empty(message.Problems);
        Assert.Equal(e, Assert.Single(message.Events).Draft with { Properties = null });
    }

    [Fact]
    public void APurchaseComesBackAsItsOrderLine()
    {
        var purchase = Draft("PURCHASE") with { ItemId = "sku-1", CategoryId = "games", Quantity = 3, Amount = 10m, Currency = "EUR", CampaignId = "c-1" };

        var line = Assert.Single(Map(purchase).Events).Draft;

        Assert.Equal(purchase with { EventId = "e-1#1", CampaignId = null, Properties = line.Properties }, line);
        Assert.Equal("c-1", line.Properties!["coupon"]);
    }

    private static TrackerMessage Map(EventDraft e) =>
        TrackerMapping.Map(JsonSerializer.SerializeToElement(TrackerSpecMessages.FromEvent(e)), null, ReceivedAt, null, []);

    private static EventDraft Draft(string type) => new("e-1", "u-1", type, "2026-11-27T11:00:00.000Z");
}
