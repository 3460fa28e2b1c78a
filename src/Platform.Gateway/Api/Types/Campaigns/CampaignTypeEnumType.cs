using GraphQL.Types;
using Platform.Domain.Campaigns;

namespace Platform.Gateway.Api.Types.Campaigns;

public sealed class CampaignTypeEnumType : EnumerationGraphType
{
    public CampaignTypeEnumType()
    {
        Name = "CampaignType";
        Description = "Kinds of promotion.";
        Add("PERCENT_OFF", CampaignType.PercentOff, "A percentage off.");
        Add("AMOUNT_OFF", CampaignType.AmountOff, "A fixed amount off.");
        Add("FREE_SHIPPING", CampaignType.FreeShipping, "Free shipping.");
        Add("BUNDLE", CampaignType.Bundle, "A bundle price.");
        Add("FLASH_SALE", CampaignType.FlashSale, "A time-limited sale.");
        Add("POINTS_MULTIPLIER", CampaignType.PointsMultiplier, "Extra loyalty points.");
        Add("MESSAGE_ONLY", CampaignType.MessageOnly, "A message without an incentive.");
    }
}
