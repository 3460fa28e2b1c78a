namespace Platform.Domain.Events;

/// <summary>What a user did. The numbers are stored in the event log: never renumber.</summary>
public enum EventType : short
{
    View = 1,
    Search = 2,
    Click = 3,
    AddToCart = 4,
    RemoveFromCart = 5,
    Purchase = 6,
    Review = 7,
    CampaignExposure = 8,
    CampaignClick = 9,
    CouponClaim = 10,
    CouponRedeem = 11,
}
