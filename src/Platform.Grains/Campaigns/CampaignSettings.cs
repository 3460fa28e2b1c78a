namespace Platform.Grains.Campaigns;

/// <summary>How often a campaign may recompute and publish its KPIs (configuration section Platform:Campaigns).</summary>
public sealed class CampaignSettings
{
    public const string Section = "Platform:Campaigns";

    /// <summary>At most one KPI update per campaign in this many seconds; 1 by default.</summary>
    public double KpiUpdateIntervalSeconds { get; set; } = 1;

    public TimeSpan KpiUpdateInterval => TimeSpan.FromSeconds(Math.Max(0.05, KpiUpdateIntervalSeconds));
}
