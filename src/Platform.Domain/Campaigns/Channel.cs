namespace Platform.Domain.Campaigns;

/// <summary>Where a campaign reaches users. Stored by name: never rename.</summary>
public enum Channel
{
    Email,
    Sms,
    Push,
    InApp,
    Banner,
}
