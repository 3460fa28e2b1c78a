using Platform.Domain.Campaigns;

namespace Platform.Domain.Decisions;

/// <summary>
/// The value of showing an offer to one user, ensemble means: incremental conversions (a chance), incremental revenue,
/// the expected discount cost and incremental margin (money, net of the contact's cost), the chance to take part; and the objective's value with
/// its 95% interval across the ensemble's members.
/// </summary>
public sealed record OfferValue(
    double IncrementalConversions, double IncrementalRevenue, double DiscountCost, double IncrementalMargin, double Participation, Estimate Score);
