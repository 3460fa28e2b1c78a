using Platform.Domain.Campaigns;

namespace Platform.Domain.Decisions;

/// <summary>
/// Turns a model's predictions for one user under one design into money and an objective (docs/recommendations.md#value):
/// the discount cost assumes every purchase made with the offer redeems it (an upper bound on cost), and the interval is
/// the spread between the ensemble's members (what the model does not know), not the user's own randomness.
/// </summary>
public static class OfferValuation
{
    private const double Z95 = 1.959963984540054;

    /// <summary>
    /// The discount one treated user is expected to cost: the chance to buy with the offer × the discount on an order of
    /// the expected value. Percent types take their share of the order, AMOUNT_OFF its amount (at most the order);
    /// free shipping, points and message-only offers cost what the platform cannot know (shipping, points), counted as 0.
    /// </summary>
    public static double DiscountCost(CampaignDesign design, double treatedConversion, double treatedOrderValue)
    {
        var (share, amount) = DiscountPerOrder(design);
        return treatedConversion * ((share * treatedOrderValue) + Math.Min(amount, treatedOrderValue));
    }

    /// <summary>What an order made with the offer is discounted by: a share of its value, and an amount.</summary>
    public static (double Share, double Amount) DiscountPerOrder(CampaignDesign design)
    {
        var value = (double)(design.Value ?? 0);
        return design.Type switch
        {
            CampaignType.PercentOff or CampaignType.FlashSale or CampaignType.Bundle => (value / 100, 0),
            CampaignType.AmountOff => (0, value),
            _ => (0, 0),
        };
    }

    public static double Score(Objective objective, ResponsePrediction p, CampaignDesign design, double marginRate) => objective switch
    {
        Objective.IncrementalRevenue => p.IncrementalRevenue,
        Objective.IncrementalConversions => p.IncrementalConversions,
        Objective.Participation => p.Participation,
        _ => (p.IncrementalRevenue * marginRate) - DiscountCost(design, p.TreatedConversion, p.TreatedOrderValue),
    };

    public static OfferValue Value(IReadOnlyList<ResponsePrediction> members, CampaignDesign design, Objective objective, double marginRate)
    {
        if (members.Count == 0)
        {
            throw new ArgumentException("At least one member's prediction is needed.", nameof(members));
        }

        double Mean(Func<ResponsePrediction, double> of) => members.Average(of);
        var cost = Mean(p => DiscountCost(design, p.TreatedConversion, p.TreatedOrderValue));
        var revenue = Mean(p => p.IncrementalRevenue);
        return new OfferValue(
            Mean(p => p.IncrementalConversions), revenue, cost, (revenue * marginRate) - cost, Mean(p => p.Participation),
            Spread(members.Select(p => Score(objective, p, design, marginRate)).ToList()));
    }

    /// <summary>The members' mean with a 95% interval: mean ± 1.96 × their sample standard deviation.</summary>
    public static Estimate Spread(IReadOnlyList<double> members)
    {
        var mean = members.Average();
        var spread = members.Count > 1 ? Math.Sqrt(members.Sum(s => (s - mean) * (s - mean)) / (members.Count - 1)) : 0;
        return new Estimate(mean, mean - (Z95 * spread), mean + (Z95 * spread));
    }
}
