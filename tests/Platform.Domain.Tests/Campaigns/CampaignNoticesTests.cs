using Platform.Domain.Campaigns;
using Platform.Domain.Events;

namespace Platform.Domain.Tests.Campaigns;

public sealed class CampaignNoticesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Campaign Running = new("c1", CampaignDesignRulesTests.Valid() with { StartsAt = Start, EndsAt = Start.AddDays(10) },
        CampaignStatus.Running, CampaignSource.Designed, Start, Start, LaunchedAt: Start);

    [Theory]
    [InlineData("exposure in the run", 1.0, null)]
    [InlineData("exposure before the start", -1.0, "outside_campaign")]
    [InlineData("exposure after the end", 11.0, "outside_campaign")]
    public void AnEventOfALaunchedCampaignCountsInsideItsRunOnly(string what, double day, string? rule) =>
        Assert.Equal((what, rule), (what, CampaignNotices.For(Exposure(day), Running)?.Rule));

    [Fact]
    public void UnknownDraftAndImportedCampaignsAreNamed()
    {
        Assert.Equal("unknown_campaign", CampaignNotices.For(Exposure(1), null)?.Rule);
        Assert.Equal("not_launched", CampaignNotices.For(Exposure(1), Running with { LaunchedAt = null, Status = CampaignStatus.Draft })?.Rule);
        Assert.Equal("imported_campaign", CampaignNotices.For(Exposure(1), Running with { Source = CampaignSource.Imported })?.Rule);
        Assert.Equal("campaignId", CampaignNotices.For(Exposure(1), null)?.Field);
    }

    [Fact]
    public void APurchaseNamingACampaignIsNoCampaignEvent() =>
        Assert.Null(CampaignNotices.For(Exposure(1) with { Type = EventType.Purchase, Amount = 5m, Currency = "EUR" }, null));

    private static BehaviorEvent Exposure(double day) =>
        new("e1", "u1", EventType.CampaignExposure, Start.AddDays(day), null, null, null, null, null, "c1", null, null, null, null);
}
