using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Tests.Campaigns;

namespace Platform.Domain.Tests.Decisions;

public sealed class OfferValuationTests
{
    private static readonly CampaignDesign TwentyOff = CampaignDesignRulesTests.Valid(); // PERCENT_OFF 20

    [Theory]
    [InlineData(CampaignType.PercentOff, 20.0, 0.5, 80.0, 8.0)] // half the users buy 80: 0.5 × 16
    [InlineData(CampaignType.FlashSale, 50.0, 1.0, 10.0, 5.0)]
    [InlineData(CampaignType.AmountOff, 15.0, 0.4, 100.0, 6.0)]
    [InlineData(CampaignType.AmountOff, 15.0, 1.0, 10.0, 10.0)] // never more than the order
    [InlineData(CampaignType.FreeShipping, null, 1.0, 100.0, 0.0)]
    [InlineData(CampaignType.MessageOnly, null, 1.0, 100.0, 0.0)]
    public void TheDiscountCostIsTheChanceToBuyTimesTheDiscountOnAnOrder(CampaignType type, double? value, double conversion, double orderValue, double cost)
    {
        var design = TwentyOff with { Type = type, Value = (decimal?)value };
        Assert.Equal(cost, OfferValuation.DiscountCost(design, conversion, orderValue), 9);
    }

    [Fact]
    public void TheBreakdownAveragesTheMembersAndTheIntervalIsTheirSpread()
    {
        ResponsePrediction[] members =
        [
            new(0.10, 0.20, 50, 50, 0.3),
            new(0.10, 0.16, 50, 50, 0.5),
        ];

        var value = OfferValuation.Value(members, TwentyOff, Objective.IncrementalMargin, marginRate: 0.4);

        // Member margins: (0.2·50 − 0.1·50)·0.4 − 0.2·10 = 0 and (0.16·50 − 5)·0.4 − 0.16·10 = −0.4.
        Assert.Equal((0.08, 4.0, 1.8, -0.2, 0.4), (value.IncrementalConversions, value.IncrementalRevenue, value.DiscountCost, value.IncrementalMargin, value.Participation), new ToleranceComparer());
        var spread = Math.Sqrt((0.04 + 0.04) / 1); // sample standard deviation of 0 and −0.4
        Assert.Equal(-0.2, value.Score.Value, 9);
        Assert.Equal(-0.2 - (1.959963984540054 * spread), value.Score.Low, 9);
        Assert.Equal(-0.2 + (1.959963984540054 * spread), value.Score.High, 9);
    }

    [Theory]
    [InlineData(Objective.IncrementalRevenue, 5)]
    [InlineData(Objective.IncrementalConversions, 0.1)]
    [InlineData(Objective.Participation, 0.3)]
    [InlineData(Objective.IncrementalMargin, 0)] // 5 × 0.4 − 0.2 × 10
    public void EachObjectiveScoresItsOwnQuantity(Objective objective, double expected) =>
        Assert.Equal(expected, OfferValuation.Score(objective, new ResponsePrediction(0.10, 0.20, 50, 50, 0.3), TwentyOff, 0.4), 9);

    [Fact]
    public void TheMarginOfReachingAUserIsNetOfTheContactsCost()
    {
        var mailed = TwentyOff with { CostPerContact = 0.25m };
        var prediction = new ResponsePrediction(0.10, 0.20, 50, 50, 0.3);

        Assert.Equal(-0.25, OfferValuation.Score(Objective.IncrementalMargin, prediction, mailed, 0.4), 9); // 5 × 0.4 − 2 − 0.25
        Assert.Equal(5, OfferValuation.Score(Objective.IncrementalRevenue, prediction, mailed, 0.4), 9);
        var value = OfferValuation.Value([prediction], mailed, Objective.IncrementalMargin, 0.4);
        Assert.Equal(-0.25, value.IncrementalMargin, 9);
        Assert.Equal(2, value.DiscountCost, 9);
    }

    [Fact]
    public void NoPredictionIsAnError() =>
        Assert.Throws<ArgumentException>(() => OfferValuation.Value([], TwentyOff, Objective.IncrementalMargin, 0.3));

    private sealed class ToleranceComparer : IEqualityComparer<(double, double, double, double, double)>
    {
        public bool Equals((double, double, double, double, double) x, (double, double, double, double, double) y) =>
            new[] { x.Item1 - y.Item1, x.Item2 - y.Item2, x.Item3 - y.Item3, x.Item4 - y.Item4, x.Item5 - y.Item5 }.All(d => Math.Abs(d) < 1e-9);

        public int GetHashCode((double, double, double, double, double) obj) => 0;
    }
}
