using Orleans.Concurrency;
using Platform.Domain.Campaigns;

namespace Platform.Abstractions.Campaigns;

/// <summary>
/// One campaign: every change of its design and status goes through here, one at a time. Keyed by
/// <see cref="GrainKeys.Campaign"/>. Reads of the stored campaign need no grain (CampaignStore).
/// </summary>
public interface ICampaignGrain : IGrainWithStringKey
{
    Task<CampaignResult> CreateAsync(CampaignDesign design);

    Task<CampaignResult> UpdateAsync(CampaignChanges changes);

    Task<CampaignResult> LaunchAsync();

    Task<CampaignResult> PauseAsync();

    Task<CampaignResult> ResumeAsync();

    Task<CampaignResult> EndAsync();

    /// <summary>
    /// Asks the budget for a treatment user's redemption: counted while the discount given so far is below
    /// the budget (so the last counted one may pass it by its own discount), refused after. The answer for an
    /// event id never changes. The campaign pauses (BUDGET_SPENT) once the budget is reached.
    /// </summary>
    Task<bool> ChargeAsync(string eventId, decimal discount);

    /// <summary>
    /// Outcome rows of the campaign were written: its KPIs are recomputed and published, at most once per
    /// KPI interval. One-way: the writer never waits for the campaign.
    /// </summary>
    [OneWay]
    Task OutcomesChangedAsync();

    /// <summary>Subscriptions expire unless renewed; call again at least every minute.</summary>
    Task SubscribeAsync(ICampaignKpiObserver observer);

    Task UnsubscribeAsync(ICampaignKpiObserver observer);
}
