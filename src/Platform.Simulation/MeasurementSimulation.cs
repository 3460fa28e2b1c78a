using Platform.Domain.Campaigns;
using Platform.Domain.Measurement;

namespace Platform.Simulation;

/// <summary>
/// A campaign's measurement replayed many times (docs/measurement.md): users arrive evenly over <see cref="Hours"/>, half
/// held out; each has a purchase rate (log-normal across users) that drives both the pre-period covariates (purchases and
/// revenue in the 30 days before) and the window's outcomes, where treatment multiplies the rate by 1 + <see cref="Effect"/>.
/// Outcomes are taken as known at arrival. The KPIs are read after every hour, as a merchant who keeps looking would.
/// </summary>
public sealed record MeasurementSimulation(int Users = 4_000, int Hours = 336, double Effect = 0, double WindowDays = 14, double HoldoutShare = 0.5)
{
    private const double MedianMonthlyPurchases = 0.3;
    private const double RateSpread = 1.0;
    private const double MedianOrder = 40;
    private const double OrderSpread = 0.6;

    /// <summary>What one run shows: whether an interval ever excluded zero while watched, and the last reading per outcome.</summary>
    public sealed record Run(
        IReadOnlyDictionary<LiftMetric, bool> AlwaysValidEverExcludedZero,
        IReadOnlyDictionary<LiftMetric, bool> FixedHorizonEverExcludedZero,
        KpiMeasurement Final);

    public Run Simulate(int seed)
    {
        var random = new Random(seed);
        var arms = new[] { NewSums(), NewSums() }; // treatment, control
        var counts = new long[2];
        var alwaysValid = Metrics.ToDictionary(m => m, _ => false);
        var fixedHorizon = Metrics.ToDictionary(m => m, _ => false);
        KpiMeasurement? last = null;
        var perHour = (double)Users / Hours;
        var arrived = 0;
        for (var hour = 1; hour <= Hours; hour++)
        {
            var due = (int)Math.Round(perHour * hour);
            for (; arrived < due; arrived++)
            {
                var control = random.NextDouble() < HoldoutShare ? 1 : 0;
                ArmMoments.Add(arms[control].Sums, arms[control].Products, User(random, treated: control == 0));
                counts[control]++;
            }

            var treatment = new ArmMoments(counts[0], arms[0].Sums.ToArray(), arms[0].Products.ToArray());
            var holdout = new ArmMoments(counts[1], arms[1].Sums.ToArray(), arms[1].Products.ToArray());
            if (treatment.Count < RegressionAdjustment.MinUsersPerSide || holdout.Count < RegressionAdjustment.MinUsersPerSide)
            {
                continue;
            }

            last = Measure(treatment, holdout);
            foreach (var lift in last.All)
            {
                alwaysValid[lift.Metric] |= lift.Significance is Significance.Positive or Significance.Negative;
                fixedHorizon[lift.Metric] |= lift.Unadjusted is { } u && (u.Low > 0 || u.High < 0);
            }
        }

        return new Run(alwaysValid, fixedHorizon, last ?? throw new InvalidOperationException("Too few users to measure."));
    }

    /// <summary>The population lift of each outcome (per user, treated minus not), from a large draw of users' rates.</summary>
    public IReadOnlyDictionary<LiftMetric, double> TrueLifts(int draws = 2_000_000, int seed = 12345)
    {
        var random = new Random(seed);
        double conversion = 0, purchases = 0;
        var meanOrder = MedianOrder * Math.Exp(OrderSpread * OrderSpread / 2);
        for (var i = 0; i < draws; i++)
        {
            var window = WindowRate(random);
            conversion += Math.Exp(-window) - Math.Exp(-window * (1 + Effect));
            purchases += window * Effect;
        }

        return new Dictionary<LiftMetric, double>
        {
            [LiftMetric.ConversionRate] = conversion / draws,
            [LiftMetric.PurchasesPerUser] = purchases / draws,
            [LiftMetric.RevenuePerUser] = purchases / draws * meanOrder,
        };
    }

    public static IReadOnlyList<string> CovariateNames { get; } = ["pre_purchases", "pre_revenue"];

    private static readonly LiftMetric[] Metrics = Enum.GetValues<LiftMetric>();

    private static KpiMeasurement Measure(ArmMoments treatment, ArmMoments control) => MeasurementRows.Measure(treatment, control, CovariateNames);

    private static (double[] Sums, double[] Products) NewSums()
    {
        var dimension = CovariateNames.Count + ArmMoments.Outcomes;
        return (new double[dimension], new double[ArmMoments.ProductCount(dimension)]);
    }

    private double[] User(Random random, bool treated)
    {
        var monthly = MonthlyRate(random);
        var prePurchases = random.Poisson(monthly);
        var preRevenue = Revenue(random, prePurchases);
        var purchases = random.Poisson(monthly * WindowDays / 30 * (treated ? 1 + Effect : 1));
        return [prePurchases, preRevenue, purchases > 0 ? 1 : 0, purchases, Revenue(random, purchases)];
    }

    private double WindowRate(Random random) => MonthlyRate(random) * WindowDays / 30;

    private static double MonthlyRate(Random random) => Math.Min(50, random.LogNormal(MedianMonthlyPurchases, RateSpread));

    private static double Revenue(Random random, int orders)
    {
        var total = 0.0;
        for (var i = 0; i < orders; i++)
        {
            total += Math.Round(random.LogNormal(MedianOrder, OrderSpread), 2);
        }

        return total;
    }
}
