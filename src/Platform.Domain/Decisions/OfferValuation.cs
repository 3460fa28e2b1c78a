using Platform.Domain.Campaigns;

namespace Platform.Domain.Decisions;

/// <summary>
/// Turns a model's predictions for one user under one design into money and an objective (docs/recommendations.md#value):
/// the discount cost assumes every purchase made with the offer redeems it (an upper bound on cost), and the interval is
/// the spread between the ensemble's members (what the model does not know), not the user's own randomness. The margin of
/// reaching a user is net of the design's cost per contact, paid whatever the user does.
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
        _ => Margin(p.IncrementalRevenue, DiscountCost(design, p.TreatedConversion, p.TreatedOrderValue), design, marginRate),
    };

    /// <summary>What reaching one user adds to the margin: the incremental revenue at the margin rate, less the discount and the contact.</summary>
    public static double Margin(double incrementalRevenue, double discountCost, CampaignDesign design, double marginRate) =>
        (incrementalRevenue * marginRate) - discountCost - (double)design.CostPerContact;

    public static OfferValue Value(IReadOnlyList<ResponsePrediction> members, CampaignDesign design, Objective objective, double marginRate)
    {
        if (members.Count == 0)
        {
            throw new ArgumentException("At least one member's prediction is needed.", nameof(members));
        }

        // Plain loops: a recommendation values a few hundred rows, and closures per row were a good part of what it allocated.
        var (conversions, revenue, cost, participation) = (0.0, 0.0, 0.0, 0.0);
        Span<double> scores = members.Count <= 64 ? stackalloc double[members.Count] : new double[members.Count];
        for (var m = 0; m < members.Count; m++)
        {
            var p = members[m];
            conversions += p.IncrementalConversions;
            revenue += p.IncrementalRevenue;
            cost += DiscountCost(design, p.TreatedConversion, p.TreatedOrderValue);
            participation += p.Participation;
            scores[m] = Score(objective, p, design, marginRate);
        }

        var count = members.Count;
        (revenue, cost) = (revenue / count, cost / count);
        return new OfferValue(conversions / count, revenue, cost, Margin(revenue, cost, design, marginRate), participation / count, Spread(scores));
    }

    /// <summary>The members' mean with a 95% interval: mean ± 1.96 × their sample standard deviation.</summary>
    public static Estimate Spread(ReadOnlySpan<double> members)
    {
        var mean = 0.0;
        foreach (var s in members)
        {
            mean += s;
        }

        mean /= members.Length;
        var squares = 0.0;
        foreach (var s in members)
        {
            squares += (s - mean) * (s - mean);
        }

        var spread = members.Length > 1 ? Math.Sqrt(squares / (members.Length - 1)) : 0;
        return new Estimate(mean, mean - (Z95 * spread), mean + (Z95 * spread));
    }
}
