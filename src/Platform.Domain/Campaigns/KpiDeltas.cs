namespace Platform.Domain.Campaigns;

/// <summary>How much a campaign's counters grew since the previous update a subscriber received.</summary>
public sealed record KpiDeltas(
    long Reach,
    long Exposures,
    long Participants,
    long Redemptions,
    long Conversions,
    long Orders,
    decimal Gmv,
    decimal DiscountCost,
    long HoldoutLeaks,
    long TreatmentUsers,
    long ControlUsers)
{
    /// <summary>From <paramref name="previous"/> (none: everything counts as new) to <paramref name="current"/>.</summary>
    public static KpiDeltas Between(CampaignKpis? previous, CampaignKpis current) => new(
        current.Reach - (previous?.Reach ?? 0),
        current.Exposures - (previous?.Exposures ?? 0),
        current.Participants - (previous?.Participants ?? 0),
        current.Redemptions - (previous?.Redemptions ?? 0),
        current.Conversions - (previous?.Conversions ?? 0),
        current.Orders - (previous?.Orders ?? 0),
        current.Gmv - (previous?.Gmv ?? 0),
        current.DiscountCost - (previous?.DiscountCost ?? 0),
        current.HoldoutLeaks - (previous?.HoldoutLeaks ?? 0),
        current.Treatment.Users - (previous?.Treatment.Users ?? 0),
        current.Control.Users - (previous?.Control.Users ?? 0));
}
