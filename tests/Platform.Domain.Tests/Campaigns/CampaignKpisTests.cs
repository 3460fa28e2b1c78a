using Platform.Domain.Campaigns;

namespace Platform.Domain.Tests.Campaigns;

public sealed class CampaignKpisTests
{
    [Fact]
    public void LiftIsADifferenceOfProportionsAndOfMeansWithTheirIntervals()
    {
        // Treatment: 4 users, window revenue 10, 0, 30, 0 (2 converters, purchases 1, 0, 2, 0).
        // Control: 4 users, window revenue 10, 0, 0, 0 (1 converter, purchases 1, 0, 0, 0).
        var treatment = new ArmTotals(4, Reached: 4, Exposures: 6, Participants: 2, Participations: 3, EngagementSeconds: 90, Redemptions: 2, DiscountCost: 8m,
            Converters: 2, Orders: 3, Gmv: 40m, WindowConverters: 2, WindowPurchases: 3, WindowPurchasesSquared: 5, WindowRevenue: 40m, WindowRevenueSquared: 1000,
            RatingSum: 9, RatingCount: 2);
        var control = new ArmTotals(4, WindowConverters: 1, WindowPurchases: 1, WindowPurchasesSquared: 1, WindowRevenue: 10m, WindowRevenueSquared: 100);

        var kpis = CampaignKpis.From(treatment, control, budget: 100m);

        Assert.Equal((0.5, 1.5, 45.0, 10m, 92m, 4.5), (kpis.ParticipationRate, kpis.ParticipationsPerParticipant, kpis.EngagementSecondsPerParticipant, kpis.Treatment.RevenuePerUser is { } r ? (decimal)r : 0, kpis.BudgetLeft, kpis.Satisfaction));
        Assert.Equal(40m / 3, kpis.AverageOrderValue);

        var p = Math.Sqrt((0.5 * 0.5 / 4) + (0.25 * 0.75 / 4));
        AssertEstimate(0.25, 1.959963984540054 * p, kpis.ConversionRateLift);

        // Sample variances: treatment revenue mean 10, s² = (1000 − 4·100)/3 = 200; control mean 2.5, s² = (100 − 4·6.25)/3 = 25.
        var revenueError = Math.Sqrt((200.0 / 4) + (25.0 / 4));
        AssertEstimate(7.5, 1.959963984540054 * revenueError, kpis.RevenuePerUserLift);
        AssertEstimate(30, 4 * 1.959963984540054 * revenueError, kpis.IncrementalRevenue);
        Assert.Equal((30 - 8) / 8.0, kpis.Roi!.Value, 10);

        // Purchases: treatment mean 0.75, s² = (5 − 4·0.5625)/3; control mean 0.25, s² = (1 − 4·0.0625)/3.
        var purchasesError = Math.Sqrt((((5 - 2.25) / 3) / 4) + (((1 - 0.25) / 3) / 4));
        AssertEstimate(0.5, 1.959963984540054 * purchasesError, kpis.PurchasesPerUserLift);
        AssertEstimate(2, 4 * 1.959963984540054 * purchasesError, kpis.IncrementalConversions);
    }

    [Fact]
    public void EachTreatedUserCostsTheContactAndTheRoiCountsIt()
    {
        var treatment = new ArmTotals(4, DiscountCost: 8m, WindowConverters: 2, WindowPurchases: 3, WindowPurchasesSquared: 5, WindowRevenue: 40m, WindowRevenueSquared: 1000);
        var control = new ArmTotals(4, WindowConverters: 1, WindowPurchases: 1, WindowPurchasesSquared: 1, WindowRevenue: 10m, WindowRevenueSquared: 100);

        var kpis = CampaignKpis.From(treatment, control, budget: 100m, costPerContact: 0.5m);
        var messageOnly = CampaignKpis.From(treatment with { DiscountCost = 0 }, control, budget: null, costPerContact: 0.5m);

        Assert.Equal((2m, 92m), (kpis.ContactCost, kpis.BudgetLeft)); // 4 treated users × 0.5; the budget is the discount's
        Assert.Equal((30 - 10) / 10.0, kpis.Roi!.Value, 10); // incremental revenue 30, cost 8 + 2
        Assert.Equal((30 - 2) / 2.0, messageOnly.Roi!.Value, 10);
    }

    [Fact]
    public void WithoutTwoUsersOnEachSideThereIsNoLift()
    {
        var kpis = CampaignKpis.From(new ArmTotals(10, WindowConverters: 3), new ArmTotals(1), budget: null);
        Assert.Null(kpis.ConversionRateLift);
        Assert.Null(kpis.RevenuePerUserLift);
        Assert.Null(kpis.BudgetLeft);
        Assert.Null(kpis.Roi);
    }

    private static void AssertEstimate(double value, double halfWidth, Estimate? estimate)
    {
        Assert.NotNull(estimate);
        Assert.Equal(value, estimate.Value, 10);
        Assert.Equal(value - halfWidth, estimate.Low, 10);
        Assert.Equal(value + halfWidth, estimate.High, 10);
    }
}

public sealed class KpiDeltasTests
{
    [Fact]
    public void DeltasAreTheGrowthSinceThePreviousUpdate()
    {
        var before = CampaignKpis.From(new ArmTotals(3, Reached: 3, Exposures: 5, Orders: 1, Gmv: 20m), new ArmTotals(2), budget: null);
        var after = CampaignKpis.From(new ArmTotals(5, Reached: 4, Exposures: 9, Orders: 3, Gmv: 65m), new ArmTotals(4), budget: null);

        Assert.Equal(new KpiDeltas(1, 4, 0, 0, 0, 2, 45m, 0m, 0, 2, 2), KpiDeltas.Between(before, after));
        Assert.Equal(new KpiDeltas(3, 5, 0, 0, 0, 1, 20m, 0m, 0, 3, 2), KpiDeltas.Between(null, before));
    }
}
