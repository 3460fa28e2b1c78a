using Platform.Domain.Measurement;

namespace Platform.Domain.Campaigns;

/// <summary>
/// Sums over one side of a campaign: its enrollments (live campaigns) or outcome rows (imported experiments).
/// "Window" figures count every purchase inside each user's window and are what lift compares; orders
/// and GMV are attributed to one campaign only. Squares are kept so means get their variance; <see cref="Moments"/>, with
/// the pre-period covariates, for regression adjustment.
/// </summary>
public sealed record ArmTotals(
    long Users,
    long Reached = 0,
    long Exposures = 0,
    long Participants = 0,
    long Participations = 0,
    double EngagementSeconds = 0,
    long Redemptions = 0,
    decimal DiscountCost = 0,
    long RedemptionsOverBudget = 0,
    long Converters = 0,
    long Orders = 0,
    decimal Gmv = 0,
    long WindowConverters = 0,
    long WindowPurchases = 0,
    double WindowPurchasesSquared = 0,
    decimal WindowRevenue = 0,
    double WindowRevenueSquared = 0,
    decimal RatingSum = 0,
    long RatingCount = 0,
    long HoldoutLeaks = 0,
    ArmMoments? Moments = null)
{
    public static ArmTotals Empty { get; } = new(0);
}
