namespace Platform.Domain.Profiles;

/// <summary>A user's history with one campaign (exposures, clicks, claims, redemptions).</summary>
public sealed record CampaignTouch(
    string CampaignId,
    DateTimeOffset FirstAt,
    DateTimeOffset LastAt,
    int Exposures,
    int Clicks,
    int Claims,
    int Redemptions);
