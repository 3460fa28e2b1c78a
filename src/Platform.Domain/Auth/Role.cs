namespace Platform.Domain.Auth;

/// <summary>What a tenant API key may do. The system key is not a role: it only creates tenants.</summary>
public enum Role
{
    /// <summary>Everything inside its tenant: keys, settings, schedules, diagnostics.</summary>
    Admin,

    /// <summary>Data, campaigns, profiles, recommendations and forecasts.</summary>
    Merchant,

    /// <summary>Read campaigns and subscribe to their KPIs; never mutates.</summary>
    Partner,

    /// <summary>A write key: sends events through the tracker source (docs/trackers.md) and nothing else; refused on GraphQL.</summary>
    Tracker,
}
