namespace Platform.Domain.Campaigns;

/// <summary>Kinds of promotion. Stored by name: never rename.</summary>
public enum CampaignType
{
    PercentOff,
    AmountOff,
    FreeShipping,
    Bundle,
    FlashSale,
    PointsMultiplier,
    MessageOnly,
}
