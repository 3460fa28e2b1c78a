using Platform.Domain.Campaigns;

namespace Platform.Simulation;

/// <summary>Who a past campaign targeted, judged on the user's sessions before it started.</summary>
public enum PlanAudience
{
    Everyone,

    /// <summary>A session in the 30 days before the start.</summary>
    RecentlyActive,

    /// <summary>Sessions before, but none in the 30 days before the start.</summary>
    Lapsed,
}

/// <summary>One treatment of a past campaign: the value in the experiment's assignment column and the offer.</summary>
public sealed record SimulatedArm(string Name, string AssignmentValue, CampaignType Type, decimal Value, Channel Channel);

/// <summary>A past randomized campaign of the demo shop: arms share one control group (the holdout).</summary>
public sealed record CampaignPlan(
    string Name, IReadOnlyList<SimulatedArm> Arms, int? Category, int StartDaysAgo, int WindowDays, double HoldoutShare, PlanAudience Audience)
{
    public const string ControlValue = "0";

    /// <summary>The campaign id the experiment import gives an arm: experiment and arm names (both slugs here).</summary>
    public string CampaignId(SimulatedArm arm) => $"{Name}-{arm.Name}";

    public DateTimeOffset Start(DateTimeOffset now) => now.AddDays(-StartDaysAgo);

    public DateTimeOffset End(DateTimeOffset now) => Start(now).AddDays(WindowDays);
}

/// <summary>The demo shop's past campaigns: different offers, depths, channels and audiences, one after another.</summary>
public static class DemoCampaigns
{
    public static IReadOnlyList<CampaignPlan> All { get; } =
    [
        new("spring-sale", [new("pct10", "1", CampaignType.PercentOff, 10, Channel.Email), new("pct20", "2", CampaignType.PercentOff, 20, Channel.Email)],
            null, StartDaysAgo: 140, WindowDays: 14, HoldoutShare: 0.3, PlanAudience.Everyone),
        new("free-shipping", [new("push", "1", CampaignType.FreeShipping, 0, Channel.Push)],
            null, StartDaysAgo: 118, WindowDays: 7, HoldoutShare: 0.5, PlanAudience.Everyone),
        new("electronics-flash", [new("flash25", "1", CampaignType.FlashSale, 25, Channel.InApp)],
            Taxonomy.IndexOf("electronics"), StartDaysAgo: 100, WindowDays: 3, HoldoutShare: 0.2, PlanAudience.RecentlyActive),
        new("winback", [new("ten-off", "1", CampaignType.AmountOff, 10, Channel.Email)],
            null, StartDaysAgo: 85, WindowDays: 30, HoldoutShare: 0.5, PlanAudience.Lapsed),
        new("beauty-sms", [new("pct15", "1", CampaignType.PercentOff, 15, Channel.Sms)],
            Taxonomy.IndexOf("beauty"), StartDaysAgo: 45, WindowDays: 14, HoldoutShare: 0.4, PlanAudience.Everyone),
    ];

    /// <summary>
    /// The demo's campaigns and one more that tests one offer on two channels: users differ in which channel moves them
    /// (age, opt-ins), so no arm is best for everyone — what `./platform eval uplift` needs to tell a model that picks
    /// per user from one that sends everyone the best arm on average.
    /// </summary>
    public static IReadOnlyList<CampaignPlan> WithChannelTest { get; } =
    [
        .. All,
        new("channel-test", [new("email", "1", CampaignType.PercentOff, 15, Channel.Email), new("app", "2", CampaignType.PercentOff, 15, Channel.InApp)],
            null, StartDaysAgo: 30, WindowDays: 14, HoldoutShare: 0.3, PlanAudience.Everyone),
    ];
}
