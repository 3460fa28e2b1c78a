namespace Platform.Grains.Campaigns;

/// <summary>How often a campaign may recompute and publish its KPIs and check them against its forecast (configuration section Platform:Campaigns).</summary>
public sealed class CampaignSettings
{
    public const string Section = "Platform:Campaigns";

    /// <summary>At most one KPI update per campaign in this many seconds; 1 by default.</summary>
    public double KpiUpdateIntervalSeconds { get; set; } = 1;

    public TimeSpan KpiUpdateInterval => TimeSpan.FromSeconds(Math.Max(0.05, KpiUpdateIntervalSeconds));

    /// <summary>At most one check against the launch forecast (for an alert) per campaign in this many seconds, at a KPI update; 60 by default.</summary>
    public double TrackingIntervalSeconds { get; set; } = 60;

    public TimeSpan TrackingInterval => TimeSpan.FromSeconds(Math.Max(0, TrackingIntervalSeconds));
}
