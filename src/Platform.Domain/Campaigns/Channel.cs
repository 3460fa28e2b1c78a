namespace Platform.Domain.Campaigns;

/// <summary>Where a campaign reaches shoppers. Stored by name: never rename.</summary>
public enum Channel
{
    Email,
    Sms,
    Push,
    InApp,
    Banner,
}
