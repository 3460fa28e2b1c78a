using Platform.Domain.Errors;
using Platform.Domain.Events;

namespace Platform.Domain.Campaigns;

/// <summary>
/// Why a stored campaign event will count for no campaign: reported back to the sender with the
/// accepted event (the event stays in the log and in the user's campaign history).
/// </summary>
public static class CampaignNotices
{
    public static Violation? For(BehaviorEvent e, Campaign? campaign)
    {
        if (!CampaignAttribution.IsCampaignEvent(e.Type) || e.CampaignId is not { } id)
        {
            return null;
        }

        (string Rule, string Why)? notice = campaign switch
        {
            null => ("unknown_campaign", $"no campaign '{id}' in this tenant"),
            { Source: CampaignSource.Imported } => ("imported_campaign", $"campaign '{id}' is an imported past experiment"),
            { LaunchedAt: null } => ("not_launched", $"campaign '{id}' has not been launched"),
            _ when !CampaignAttribution.IsLive(campaign, e.OccurredAt) => ("outside_campaign", $"campaign '{id}' was not running at occurredAt"),
            _ => null,
        };
        return notice is var (rule, why) ? new Violation("campaignId", rule, $"{why}: the event is stored but counts for no campaign.") : null;
    }
}
