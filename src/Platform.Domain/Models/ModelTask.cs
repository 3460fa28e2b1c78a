namespace Platform.Domain.Models;

/// <summary>What a tenant's models learn (docs/models.md). Stored by name: never rename.</summary>
public enum ModelTask
{
    /// <summary>The effect of a campaign design on each user: participation, conversion and revenue with and without it.</summary>
    Uplift,

    /// <summary>Each user's 30-day purchase propensity, expected spend, churn risk and persona.</summary>
    Users,

    /// <summary>Which items to feature for a user.</summary>
    Items,
}
