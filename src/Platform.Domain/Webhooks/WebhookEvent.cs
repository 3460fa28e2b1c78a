namespace Platform.Domain.Webhooks;

/// <summary>What a webhook can be sent. Stored by name: never rename.</summary>
public enum WebhookEvent
{
    /// <summary>A campaign's KPIs changed (at most once per KPI interval).</summary>
    CampaignKpis,

    /// <summary>A campaign changed status (launched, started, paused, resumed, ended).</summary>
    CampaignStatus,

    /// <summary>A campaign's measured lift has left its launch forecast's 95% band for the alert's run of hours.</summary>
    CampaignAlert,
}
