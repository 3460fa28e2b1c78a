namespace Platform.Grains.Campaigns;

/// <summary>How often a campaign may recompute and publish its KPIs and check them against its forecast (configuration section Platform:Campaigns).</summary>
public sealed class CampaignSettings
{
    public const string Section = "Platform:Campaigns";

    /// <summary>At most one KPI update per campaign in this many seconds; 1 by default.</summary>
    public double KpiUpdateIntervalSeconds { get; set; } = 1;

    public TimeSpan KpiUpdateInterval => TimeSpan.FromSeconds(Math.Max(0.05, KpiUpdateIntervalSeconds));

    /// <summary>
    /// The wait after an update is at least this many times what its aggregate took, so that a campaign whose outcome rows
    /// take long to add up (a large one) spends at most a fifth of a database connection's time on its KPIs.
    /// </summary>
    public const int AggregateTimeFactor = 5;

    /// <summary>The longest wait an aggregate's time imposes: one that stalled (a busy pool, a lock) must not hold the KPIs back for minutes.</summary>
    public static readonly TimeSpan LongestAggregateWait = TimeSpan.FromSeconds(30);

    /// <summary>How long a campaign waits after a KPI update whose aggregate took <paramref name="aggregate"/> before the next one.</summary>
    public TimeSpan WaitAfterUpdate(TimeSpan aggregate)
    {
        var stretched = Math.Min(AggregateTimeFactor * aggregate.Ticks, LongestAggregateWait.Ticks);
        return TimeSpan.FromTicks(Math.Max(KpiUpdateInterval.Ticks, stretched));
    }

    /// <summary>At most one check against the launch forecast (for an alert) per campaign in this many seconds, at a KPI update; 60 by default.</summary>
    public double TrackingIntervalSeconds { get; set; } = 60;

    public TimeSpan TrackingInterval => TimeSpan.FromSeconds(Math.Max(0, TrackingIntervalSeconds));

    /// <summary>How many of the latest hours with KPI updates, all outside the forecast's 95% band, raise a campaign's alert; 1 to 168.</summary>
    public int AlertAfterHours { get; set; } = Domain.Decisions.ForecastTracking.DefaultAlertAfterHours;
}
