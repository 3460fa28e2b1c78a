namespace Platform.Domain.Profiles;

/// <summary>
/// A user's history with one campaign (exposures, clicks, claims, redemptions), and the exposures of the latest
/// UTC day with any (what a daily frequency cap counts).
/// </summary>
public sealed record CampaignTouch(
    string CampaignId,
    DateTimeOffset FirstAt,
    DateTimeOffset LastAt,
    int Exposures,
    int Clicks,
    int Claims,
    int Redemptions,
    DateOnly? ExposureDay = null,
    int ExposuresThatDay = 0);
