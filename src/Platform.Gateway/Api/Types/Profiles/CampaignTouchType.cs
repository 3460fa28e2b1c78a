using GraphQL.Types;
using Platform.Domain.Profiles;

namespace Platform.Gateway.Api.Types.Profiles;

public sealed class CampaignTouchType : ObjectGraphType<CampaignTouch>
{
    public CampaignTouchType()
    {
        Name = "CampaignTouch";
        Description = "The user's history with one campaign.";
        Field(c => c.CampaignId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The campaign.");
        Field(c => c.FirstAt).Description("First event with this campaign.");
        Field(c => c.LastAt).Description("Latest event with this campaign.");
        Field(c => c.Exposures).Description("CAMPAIGN_EXPOSURE events.");
        Field(c => c.Clicks).Description("CAMPAIGN_CLICK events.");
        Field(c => c.Claims).Description("COUPON_CLAIM events.");
        Field(c => c.Redemptions).Description("COUPON_REDEEM events.");
    }
}
