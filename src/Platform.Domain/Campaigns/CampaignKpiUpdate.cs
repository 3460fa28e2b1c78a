using Platform.Domain.Decisions;

namespace Platform.Domain.Campaigns;

/// <summary>
/// A campaign's KPIs as they stand at <see cref="At"/>, with its status: what subscribers and webhooks receive. <see cref="Alert"/>
/// is set on the one update at which the campaign is found outside its launch forecast (docs/forecasts.md#alerts).
/// </summary>
public sealed record CampaignKpiUpdate(string CampaignId, CampaignStatus Status, DateTimeOffset At, CampaignKpis Kpis, TrackingAlert? Alert = null);
