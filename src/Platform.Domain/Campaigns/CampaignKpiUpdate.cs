namespace Platform.Domain.Campaigns;

/// <summary>A campaign's KPIs as they stand at <see cref="At"/>, with its status: what subscribers and webhooks receive.</summary>
public sealed record CampaignKpiUpdate(string CampaignId, CampaignStatus Status, DateTimeOffset At, CampaignKpis Kpis);
