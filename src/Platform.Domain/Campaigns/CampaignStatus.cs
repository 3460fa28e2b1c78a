namespace Platform.Domain.Campaigns;

/// <summary>Where a campaign is in its life (<see cref="CampaignLifecycle"/>). Stored by name: never rename.</summary>
public enum CampaignStatus
{
    Draft,
    Scheduled,
    Running,
    Paused,
    Ended,
}

/// <summary>Why a campaign is paused.</summary>
public enum PauseReason
{
    Merchant,
    BudgetSpent,
}

/// <summary>Where a campaign came from: designed in the platform, or imported as a past experiment.</summary>
public enum CampaignSource
{
    Designed,
    Imported,
}
