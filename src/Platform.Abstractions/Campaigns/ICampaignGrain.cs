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
}
