using Platform.Domain.Measurement;
using Platform.Testing;

namespace Platform.Domain.Tests.Measurement;

public sealed class RegressionAdjustmentTests
{
    private static readonly string[] Names = ["pre_purchases", "pre_revenue"];

    [Fact]
    public void TheLiftIsTheTreatmentCoefficientOfAnInteractedLeastSquaresFit()
    {
        var rows = Rows(seed: 7, count: 600, effect: 0.8);
        var (treatment, control) = Moments(rows);

        var adjusted = RegressionAdjustment.Lift(treatment, control, LiftMetric.RevenuePerUser, Names);

        // Independently: ordinary least squares of Y on (1, T, X̃, T·X̃), X̃ centred at the mean of all rows.
        var expected = LeastSquares.InteractedTreatmentEffect(rows.Select(r => (r.Treated, r.X, r.Revenue)).ToList());
        Assert.Equal(expected, adjusted.Estimate!.Value, 9);
        Assert.Equal(Names, adjusted.Used);
        Assert.Null(adjusted.Note);
    }

    [Fact]
    public void ACovariateThatExplainsTheOutcomeRemovesItsShareOfTheVariance()
    {
        // y = 2x + noise with corr(x, y)² = 4 / (4 + 1) = 0.8: the adjusted variance is about a fifth of the raw one.
        var random = new Random(3);
        var rows = Enumerable.Range(0, 20_000).Select(i =>
        {
            var x = Normal(random);
            var treated = i % 2 == 0;
            var y = (2 * x) + Normal(random) + (treated ? 0.1 : 0);
            return (treated, new double[] { x, 0, y > 0 ? 1 : 0, y, y });
        }).ToList();
        var treatment = ArmMoments.Of(rows.Where(r => r.treated).Select(r => r.Item2), 2);
        var control = ArmMoments.Of(rows.Where(r => !r.treated).Select(r => r.Item2), 2);

        var adjusted = RegressionAdjustment.Lift(treatment, control, LiftMetric.RevenuePerUser, Names);

        Assert.InRange(adjusted.VarianceReduction!.Value, 0.78, 0.82);
        Assert.InRange(0.1, adjusted.Estimate!.Low, adjusted.Estimate.High);
        Assert.Equal(["pre_purchases"], adjusted.Used); // the constant second covariate is left out, and said so
        Assert.Contains("pre_revenue", adjusted.Note);
    }

    [Fact]
    public void ConstantCovariatesGiveTheUnadjustedLiftAndSaySo()
    {
        var rows = Rows(seed: 5, count: 200, effect: 0).Select(r => r with { X = [1, 1] }).ToList();
        var (treatment, control) = Moments(rows);

        var adjusted = RegressionAdjustment.Lift(treatment, control, LiftMetric.PurchasesPerUser, Names);

        var y = treatment.OutcomeIndex(LiftMetric.PurchasesPerUser);
        Assert.Equal(treatment.Mean(y) - control.Mean(y), adjusted.Estimate!.Value, 12);
        Assert.Equal(0, adjusted.VarianceReduction!.Value, 12);
        Assert.Empty(adjusted.Used);
        Assert.StartsWith("No covariate varies enough", adjusted.Note);
    }

    [Fact]
    public void AConstantWithRoundingNoiseIsLeftOutToo()
    {
        var rows = Rows(seed: 4, count: 399, effect: 0.1).Select(r => r with { X = [r.X[0], 19.99] }).ToList();
        var (treatment, control) = Moments(rows);

        var adjusted = RegressionAdjustment.Lift(treatment, control, LiftMetric.RevenuePerUser, Names);

        Assert.Equal(["pre_purchases"], adjusted.Used);
        Assert.Contains("pre_revenue", adjusted.Note);
    }

    [Fact]
    public void ACovariateTheOthersExplainIsLeftOut()
    {
        var rows = Rows(seed: 9, count: 300, effect: 0.2).Select(r => r with { X = [r.X[0], 3 * r.X[0]] }).ToList();
        var (treatment, control) = Moments(rows);

        var adjusted = RegressionAdjustment.Lift(treatment, control, LiftMetric.ConversionRate, Names);

        Assert.Equal(["pre_purchases"], adjusted.Used);
        Assert.NotNull(adjusted.Estimate);
    }

    [Fact]
    public void TooFewUsersOnASideGiveNoIntervalAndTheReason()
    {
        var (treatment, control) = Moments(Rows(seed: 1, count: 50, effect: 0));

        var adjusted = RegressionAdjustment.Lift(treatment, control, LiftMetric.ConversionRate, Names);

        Assert.Null(adjusted.Estimate);
        Assert.Contains($"at least {RegressionAdjustment.MinUsersPerSide} users", adjusted.Note);
    }

    private sealed record Row(bool Treated, double[] X, double Converted, double Purchases, double Revenue)
    {
        public double[] Values => [.. X, Converted, Purchases, Revenue];
    }

    private static List<Row> Rows(int seed, int count, double effect)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var treated = random.NextDouble() < 0.4;
            var past = Math.Floor(random.NextDouble() * 6);
            var spent = past * (20 + (random.NextDouble() * 30));
            var revenue = Math.Max(0, (0.5 * spent) + (treated ? effect * (1 + past) : 0) + (Normal(random) * 15));
            var purchases = Math.Round(revenue / 25);
            return new Row(treated, [past, spent], purchases > 0 ? 1 : 0, purchases, revenue);
        }).ToList();
    }

    private static (ArmMoments Treatment, ArmMoments Control) Moments(IReadOnlyList<Row> rows) =>
        (ArmMoments.Of(rows.Where(r => r.Treated).Select(r => r.Values), 2), ArmMoments.Of(rows.Where(r => !r.Treated).Select(r => r.Values), 2));

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
