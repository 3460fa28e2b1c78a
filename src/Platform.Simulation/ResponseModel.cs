using System.Collections.Concurrent;
using Platform.Domain.Campaigns;

namespace Platform.Simulation;

/// <summary>
/// The planted behaviour: how often a user buys, and how much an offer changes that. The effect is
/// heterogeneous on purpose — it grows with the offer's depth (saturating), the user's price
/// sensitivity, their affinity for the channel and, for category campaigns, their taste for the category;
/// lapsed users respond less. Expected values are computed exactly, so they are the ground truth.
/// </summary>
public sealed class ResponseModel
{
    public const double SecondOrderChance = 0.15;
    public const double DoubleQuantityChance = 0.2;

    /// <summary>The largest share of non-buyers an offer can convert.</summary>
    private const double LiftScale = 0.2;

    private readonly IReadOnlyList<SimulatedItem>[] itemsByCategory;
    private readonly ConcurrentDictionary<(int Category, SimulatedArm? Arm), double> meanOrderValues = new();

    public ResponseModel(IReadOnlyList<SimulatedItem> items)
    {
        itemsByCategory = Taxonomy.Categories.Select((_, c) => (IReadOnlyList<SimulatedItem>)items.Where(i => i.Category == c).ToList()).ToArray();
    }

    public IReadOnlyList<SimulatedItem> ItemsIn(int category) => itemsByCategory[category];

    /// <summary>The chance that a session ends with a purchase.</summary>
    public static double PurchaseChancePerSession(SimulatedUser user) => Math.Min(0.6, user.BuyPropensity * 1.5);

    /// <summary>Churned users still come back, rarely.</summary>
    public static double SessionsPerDay(SimulatedUser user, bool churned) => (churned ? 0.05 : 1) * user.SessionsPerMonth / 30;

    /// <summary>The chance of at least one purchase in the window without the offer.</summary>
    public static double BaselineConversion(SimulatedUser user, CampaignPlan plan, bool churned) =>
        1 - Math.Exp(-SessionsPerDay(user, churned) * plan.WindowDays * PurchaseChancePerSession(user));

    /// <summary>The share of would-be non-buyers the offer converts.</summary>
    public static double Lift(SimulatedUser user, CampaignPlan plan, SimulatedArm arm, bool churned)
    {
        var depth = arm.Type switch
        {
            CampaignType.PercentOff => (double)arm.Value / 100,
            CampaignType.FlashSale => 1.3 * (double)arm.Value / 100, // urgency adds to the discount
            CampaignType.AmountOff => (double)arm.Value / 50,
            CampaignType.FreeShipping => 0.1,
            CampaignType.PointsMultiplier => 0.04 * (double)arm.Value,
            CampaignType.Bundle => 0.12,
            _ => 0.03,
        };
        var pull = 1 - Math.Exp(-5 * depth);
        var sensitivity = 0.1 + (0.9 * user.PriceSensitivity);
        var match = plan.Category is { } category ? Math.Min(2, 0.25 + (4 * user.CategoryWeights[category])) : 1;
        var lapsed = churned ? 0.6 : 1;
        return Math.Min(0.9, LiftScale * pull * sensitivity * user.ChannelAffinity[arm.Channel] * match * lapsed);
    }

    public ArmTruth Truth(SimulatedUser user, CampaignPlan plan, SimulatedArm arm, bool churned)
    {
        var control = BaselineConversion(user, plan, churned);
        var treated = control + ((1 - control) * Lift(user, plan, arm, churned));
        var orders = 1 + SecondOrderChance;
        return new ArmTruth(
            arm.Name,
            control,
            treated,
            control * orders * ExpectedOrderValue(user, plan, arm: null),
            treated * orders * ExpectedOrderValue(user, plan, arm));
    }

    /// <summary>What an order costs the user: the offer's discount applies to treated orders.</summary>
    public static decimal OrderValue(SimulatedItem item, int quantity, SimulatedArm? arm)
    {
        var gross = item.Price * quantity;
        return arm?.Type switch
        {
            CampaignType.PercentOff or CampaignType.FlashSale => Math.Round(gross * (1 - (arm.Value / 100)), 2),
            CampaignType.AmountOff => Math.Max(0, gross - arm.Value),
            _ => gross,
        };
    }

    /// <summary>The category of a campaign order: the campaign's, else one the user likes.</summary>
    public static int OrderCategory(SimulatedUser user, CampaignPlan plan, Random random) =>
        plan.Category ?? random.Pick(user.CategoryWeights);

    private double ExpectedOrderValue(SimulatedUser user, CampaignPlan plan, SimulatedArm? arm) =>
        plan.Category is { } category
            ? MeanOrderValue(category, arm)
            : user.CategoryWeights.Select((weight, c) => weight * MeanOrderValue(c, arm)).Sum();

    private double MeanOrderValue(int category, SimulatedArm? arm) =>
        meanOrderValues.GetOrAdd((category, arm), key => itemsByCategory[key.Category].Average(item =>
            ((1 - DoubleQuantityChance) * (double)OrderValue(item, 1, key.Arm)) + (DoubleQuantityChance * (double)OrderValue(item, 2, key.Arm))));
}
