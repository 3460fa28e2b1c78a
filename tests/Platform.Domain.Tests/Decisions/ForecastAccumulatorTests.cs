using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Tests.Campaigns;

namespace Platform.Domain.Tests.Decisions;

public sealed class ForecastAccumulatorTests
{
    private static readonly CampaignDesign TenOff = CampaignDesignRulesTests.Valid() with { Type = CampaignType.AmountOff, Value = 10m };

    [Fact]
    public void PointsAreTheMembersMeanOfTheTreatedSidesSums()
    {
        var forecast = Accumulate(TenOff, treatedShare: 0.9).Result(budget: null, []);

        // Members' incremental conversions: (0.3−0.1)·100 = 20 and (0.2−0.1)·100 = 10, times 0.9 treated.
        Assert.Equal(13.5, forecast.IncrementalConversions.Value, 9);
        Assert.Equal(0.9 * 100 * 0.25, forecast.Conversions.Value, 9);
        Assert.Equal(forecast.Conversions.Times(1.5), forecast.Orders); // a converting user placed 1.5 orders on average
        Assert.Equal(0.9 * 100 * ((0.3 * 50) + (0.2 * 50)) / 2, forecast.Gmv.Value, 9);
        Assert.Equal(0.9 * 100 * 0.25 * 10, forecast.DiscountCost.Value, 9);
        Assert.Equal((100, 90.0, 1.0), (forecast.AudienceUsers, forecast.TreatedUsers, forecast.BudgetShare));
        Assert.Null(forecast.BudgetRunsOutAt);
    }

    [Fact]
    public void TheIntervalAddsTheMembersSpreadToTheUsersOwnChance()
    {
        var forecast = Accumulate(TenOff, treatedShare: 1).Result(null, []);

        var members = new[] { 20.0, 10.0 };
        var memberVariance = ((20 - 15.0) * (20 - 15.0)) + ((10 - 15.0) * (10 - 15.0)); // n − 1 = 1
        var sampling = 100 * ((0.25 * 0.75) + (0.1 * 0.9)); // the ensemble's mean chances, both sides
        var error = Math.Sqrt(memberVariance + sampling);
        Assert.Equal(15, members.Average());
        Assert.Equal(15 - (1.959963984540054 * error), forecast.IncrementalConversions.Low95, 9);
        Assert.Equal(15 + (1.2815515655446004 * error), forecast.IncrementalConversions.High80, 9);

        var widened = Accumulate(TenOff, treatedShare: 1, widening: 2).Result(null, []);
        Assert.Equal(15 + (1.959963984540054 * Math.Sqrt((4 * memberVariance) + sampling)), widened.IncrementalConversions.High95, 9);
    }

    [Fact]
    public void ABudgetBelowTheExpectedCostScalesEverythingAndSaysWhenItRunsOut()
    {
        var full = Accumulate(TenOff, 1).Result(null, []);
        var half = Accumulate(TenOff, 1).Result((decimal)(full.DiscountCost.Value / 2), []);

        Assert.Equal(0.5, half.BudgetShare, 9);
        Assert.Equal(full.IncrementalGmv.Value / 2, half.IncrementalGmv.Value, 9);
        Assert.Equal(50, half.TreatedUsers, 9);
        Assert.Equal(TenOff.StartsAt + (TenOff.Duration / 2), half.BudgetRunsOutAt);
        Assert.Equal(1, Accumulate(TenOff, 1).Result(1_000_000m, []).BudgetShare);
    }

    [Fact]
    public void RoiFollowsTheKpiDefinitionAndIsAbsentWithoutCost()
    {
        var forecast = Accumulate(TenOff, 1).Result(null, []);
        Assert.Equal((forecast.IncrementalGmv.Value - forecast.DiscountCost.Value) / forecast.DiscountCost.Value, forecast.Roi!.Value, 9);
        Assert.Equal((forecast.IncrementalGmv.Low95 - forecast.DiscountCost.Value) / forecast.DiscountCost.Value, forecast.Roi.Low95, 9);

        Assert.Null(Accumulate(TenOff with { Type = CampaignType.MessageOnly, Value = null }, 1).Result(null, []).Roi);
    }

    [Fact]
    public void EachTreatedUserCostsTheContactWhateverTheyDoInTheMarginAndTheRoi()
    {
        var free = Accumulate(TenOff, treatedShare: 0.9).Result(null, []);
        var mailed = Accumulate(TenOff with { CostPerContact = 0.5m }, treatedShare: 0.9).Result(null, []);

        Assert.Equal(new ForecastFigure(45, 45, 45, 45, 45), mailed.ContactCost); // 90 treated users × 0.5, no spread of its own
        Assert.Equal(free.IncrementalMargin.Value - 45, mailed.IncrementalMargin.Value, 9);
        Assert.Equal(free.IncrementalMargin.High95 - 45, mailed.IncrementalMargin.High95, 9);
        Assert.Equal((mailed.IncrementalGmv.Value - mailed.Cost) / mailed.Cost, mailed.Roi!.Value, 9);
        Assert.Equal(-45, mailed.Segments.Sum(s => s.IncrementalMargin.Value) - free.Segments.Sum(s => s.IncrementalMargin.Value), 9);

        var message = Accumulate(TenOff with { Type = CampaignType.MessageOnly, Value = null, CostPerContact = 0.5m }, 1).Result(null, []);
        Assert.Equal((message.IncrementalGmv.Value - 50) / 50, message.Roi!.Value, 9);

        var half = Accumulate(TenOff with { CostPerContact = 0.5m }, 1).Result((decimal)(free.DiscountCost.Value / 0.9 / 2), []);
        Assert.Equal(0.5, half.BudgetShare, 9);
        Assert.Equal(25, half.ContactCost!.Value, 9); // a budget that stops the campaign halfway stops its contacts too
    }

    [Fact]
    public void SegmentsSplitTheIncrementalFigures()
    {
        var forecast = Accumulate(TenOff, 1).Result(null, ["a warning"]);

        Assert.Equal(["champions", "lost"], forecast.Segments.Select(s => s.Name));
        Assert.Equal((60, 40), (forecast.Segments[0].Users, forecast.Segments[1].Users));
        Assert.Equal(forecast.IncrementalConversions.Value, forecast.Segments.Sum(s => s.IncrementalConversions.Value), 9);
        Assert.Equal(["a warning"], forecast.Warnings);
    }

    [Fact]
    public void TheMarginsSamplingSpreadMatchesASimulationOfPurchasesAndOrderValues()
    {
        const double logVariance = 0.2;
        var design = CampaignDesignRulesTests.Valid(); // PERCENT_OFF 20
        var accumulator = new ForecastAccumulator(1, design, marginRate: 0.3, logVariance, treatedShare: 1, ordersPerConverter: 1);
        var user = new ResponsePrediction(0.1, 0.3, 40, 50, 0.2);
        for (var i = 0; i < 200; i++)
        {
            accumulator.Add([user], null);
        }

        var forecast = accumulator.Result(null, []);
        var random = new Random(5);
        double Value(double mean) => Math.Exp(Math.Log(mean) - (logVariance / 2) + (Math.Sqrt(logVariance) * Normal(random)));
        var sums = Enumerable.Range(0, 20_000).Select(_ =>
        {
            var margin = 0.0;
            for (var i = 0; i < 200; i++)
            {
                var treated = random.NextDouble() < 0.3 ? Value(50) : 0;
                var control = random.NextDouble() < 0.1 ? Value(40) : 0;
                margin += (0.3 * (treated - control)) - (0.2 * treated);
            }

            return margin;
        }).ToList();
        var mean = sums.Average();
        var spread = Math.Sqrt(sums.Sum(m => (m - mean) * (m - mean)) / (sums.Count - 1));

        Assert.InRange(forecast.IncrementalMargin.Value - mean, -3 * spread / Math.Sqrt(sums.Count), 3 * spread / Math.Sqrt(sums.Count));
        Assert.Equal(spread, (forecast.IncrementalMargin.High95 - forecast.IncrementalMargin.Value) / 1.959963984540054, spread * 0.05);
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    // 100 users; member 1 predicts 0.1 → 0.3, member 2 0.1 → 0.2; order values 50.
    private static ForecastAccumulator Accumulate(CampaignDesign design, double treatedShare, double widening = 1)
    {
        var accumulator = new ForecastAccumulator(2, design, marginRate: 0.3, orderValueLogVariance: 0.2, treatedShare, ordersPerConverter: 1.5) { Widening = widening };
        for (var i = 0; i < 100; i++)
        {
            accumulator.Add([new ResponsePrediction(0.1, 0.3, 50, 50, 0.4), new ResponsePrediction(0.1, 0.2, 50, 50, 0.2)], i < 60 ? "champions" : "lost");
        }

        return accumulator;
    }
}
