using Orleans.Concurrency;
using Platform.Domain.Campaigns;

namespace Platform.Abstractions.Campaigns;

/// <summary>Implemented by gateway nodes with live campaignKpis subscriptions.</summary>
public interface ICampaignKpiObserver : IGrainObserver
{
    /// <summary>One-way, so a dead or slow node never holds up the campaign.</summary>
    [OneWay]
    Task OnKpisAsync(string tenantId, CampaignKpiUpdate update);
}
