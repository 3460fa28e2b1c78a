using System.Collections.Concurrent;
using Platform.Domain.Campaigns;

namespace Platform.Simulation;

/// <summary>
/// The planted behaviour: how often a shopper buys, and how much an offer changes that. The effect is
/// heterogeneous on purpose — it grows with the offer's depth (saturating), the shopper's price
/// sensitivity, their affinity for the channel and, for category campaigns, their taste for the category;
/// lapsed shoppers respond less. Expected values are computed exactly, so they are the ground truth.
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
    public static double PurchaseChancePerSession(SimulatedShopper shopper) => Math.Min(0.6, shopper.BuyPropensity * 1.5);

    /// <summary>Churned shoppers still come back, rarely.</summary>
    public static double SessionsPerDay(SimulatedShopper shopper, bool churned) => (churned ? 0.05 : 1) * shopper.SessionsPerMonth / 30;

    /// <summary>The chance of at least one purchase in the window without the offer.</summary>
    public static double BaselineConversion(SimulatedShopper shopper, CampaignPlan plan, bool churned) =>
        1 - Math.Exp(-SessionsPerDay(shopper, churned) * plan.WindowDays * PurchaseChancePerSession(shopper));

    /// <summary>The share of would-be non-buyers the offer converts.</summary>
    public static double Lift(SimulatedShopper shopper, CampaignPlan plan, SimulatedArm arm, bool churned)
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
        var sensitivity = 0.1 + (0.9 * shopper.PriceSensitivity);
        var match = plan.Category is { } category ? Math.Min(2, 0.25 + (4 * shopper.CategoryWeights[category])) : 1;
        var lapsed = churned ? 0.6 : 1;
        return Math.Min(0.9, LiftScale * pull * sensitivity * shopper.ChannelAffinity[arm.Channel] * match * lapsed);
    }

    public ArmTruth Truth(SimulatedShopper shopper, CampaignPlan plan, SimulatedArm arm, bool churned)
    {
        var control = BaselineConversion(shopper, plan, churned);
        var treated = control + ((1 - control) * Lift(shopper, plan, arm, churned));
        var orders = 1 + SecondOrderChance;
        return new ArmTruth(
            arm.Name,
            control,
            treated,
            control * orders * ExpectedOrderValue(shopper, plan, arm: null),
            treated * orders * ExpectedOrderValue(shopper, plan, arm));
    }

    /// <summary>What an order costs the shopper: the offer's discount applies to treated orders.</summary>
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

    /// <summary>The category of a campaign order: the campaign's, else one the shopper likes.</summary>
    public static int OrderCategory(SimulatedShopper shopper, CampaignPlan plan, Random random) =>
        plan.Category ?? random.Pick(shopper.CategoryWeights);

    private double ExpectedOrderValue(SimulatedShopper shopper, CampaignPlan plan, SimulatedArm? arm) =>
        plan.Category is { } category
            ? MeanOrderValue(category, arm)
            : shopper.CategoryWeights.Select((weight, c) => weight * MeanOrderValue(c, arm)).Sum();

    private double MeanOrderValue(int category, SimulatedArm? arm) =>
        meanOrderValues.GetOrAdd((category, arm), key => itemsByCategory[key.Category].Average(item =>
            ((1 - DoubleQuantityChance) * (double)OrderValue(item, 1, key.Arm)) + (DoubleQuantityChance * (double)OrderValue(item, 2, key.Arm))));
}
