using Platform.Domain.Campaigns;

namespace Platform.Gateway.Api.Types.Campaigns;

public sealed class CampaignPageType() : PageGraphType<CampaignGraphType, Campaign>("CampaignPage", "One page of campaigns, newest first.", "The campaigns of this page.");
