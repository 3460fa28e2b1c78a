namespace Platform.Domain.Campaigns;

/// <summary>
/// A user's part in one running campaign's experiment, kept in the user's profile: the side it was
/// assigned to, when, what the profile said then (<see cref="Features"/>, for point-in-time training; <see cref="Covariates"/>,
/// the pre-period behaviour lifts are adjusted by: <see cref="Measurement.PrePeriod"/>), and
/// what the user did. <see cref="CampaignAttribution"/> says how each event counts; the campaign's KPIs
/// are sums over its enrollments (docs/campaigns.md#attribution).
/// </summary>
public sealed record CampaignEnrollment(
    string CampaignId,
    CampaignArm Arm,
    DateTimeOffset AssignedAt,
    int WindowDays,
    int Exposures = 0,
    int Participations = 0,
    double EngagementSeconds = 0,
    int Redemptions = 0,
    decimal DiscountCost = 0,
    int RedemptionsOverBudget = 0,
    int Orders = 0,
    decimal Gmv = 0,
    int WindowPurchases = 0,
    decimal WindowRevenue = 0,
    decimal RatingSum = 0,
    int RatingCount = 0,
    int HoldoutLeaks = 0,
    IReadOnlyList<string>? OrderedItems = null,
    IReadOnlyDictionary<string, double>? Features = null,
    IReadOnlyList<double>? Covariates = null)
{
    public DateTimeOffset WindowEnd => AssignedAt.AddDays(WindowDays);

    public bool InWindow(DateTimeOffset at) => at >= AssignedAt && at < WindowEnd;
}
