using Platform.Abstractions;
using Platform.Abstractions.Campaigns;
using Platform.Domain.Campaigns;

namespace Platform.Gateway.Subscriptions;

/// <summary>This node's observer of campaign KPIs: one subscription per campaign grain with local subscribers.</summary>
public sealed class CampaignKpiHub(IGrainFactory grains, ILogger<CampaignKpiHub> logger)
    : GrainFanOut<(string Tenant, string Campaign), CampaignKpiUpdate>(logger), ICampaignKpiObserver
{
    // Made on first use: the silo must be running before an object reference can be made.
    private ICampaignKpiObserver? reference;

    private ICampaignKpiObserver Reference => reference ??= grains.CreateObjectReference<ICampaignKpiObserver>(this);

    public Task OnKpisAsync(string tenantId, CampaignKpiUpdate update)
    {
        Deliver((tenantId, update.CampaignId), update);
        return Task.CompletedTask;
    }

    protected override Task SubscribeAsync((string Tenant, string Campaign) key) => Grain(key).SubscribeAsync(Reference);

    protected override Task UnsubscribeAsync((string Tenant, string Campaign) key) => Grain(key).UnsubscribeAsync(Reference);

    private ICampaignGrain Grain((string Tenant, string Campaign) key) => grains.GetGrain<ICampaignGrain>(GrainKeys.Campaign(key.Tenant, key.Campaign));
}
