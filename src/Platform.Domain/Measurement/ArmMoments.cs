namespace Platform.Domain.Measurement;

/// <summary>The outcomes lifts are measured on, in the order <see cref="ArmMoments"/> keeps them after the covariates.</summary>
public enum LiftMetric
{
    /// <summary>Share of users with a purchase in their window (0 or 1 per user).</summary>
    ConversionRate,

    /// <summary>Purchases in the window per user.</summary>
    PurchasesPerUser,

    /// <summary>Revenue in the window per user.</summary>
    RevenuePerUser,
}

/// <summary>
/// Sums over one side's users of z = (covariates…, converted, purchases, revenue) and of every product z_i·z_j: all that
/// regression adjustment needs, computed by the database without reading the rows (<see cref="RegressionAdjustment"/>).
/// <see cref="Products"/> is the upper triangle packed row by row: (0,0), (0,1), …, (0,d−1), (1,1), …
/// </summary>
public sealed record ArmMoments(long Count, IReadOnlyList<double> Sums, IReadOnlyList<double> Products)
{
    public static readonly int Outcomes = Enum.GetValues<LiftMetric>().Length;

    /// <summary>How many covariates come before the outcomes.</summary>
    public int Covariates => Sums.Count - Outcomes;

    public static int ProductCount(int dimension) => dimension * (dimension + 1) / 2;

    /// <summary>A side without users.</summary>
    public static ArmMoments Empty(int covariates) =>
        new(0, new double[covariates + Outcomes], new double[ProductCount(covariates + Outcomes)]);

    /// <summary>The position of z_i·z_j in <see cref="Products"/>.</summary>
    public static int ProductIndex(int i, int j, int dimension)
    {
        var (low, high) = i <= j ? (i, j) : (j, i);
        return (low * dimension) - (low * (low - 1) / 2) + (high - low);
    }

    /// <summary>The moments of rows given one by one (tests, simulations): each row is covariates then the three outcomes.</summary>
    public static ArmMoments Of(IEnumerable<IReadOnlyList<double>> rows, int covariates)
    {
        var dimension = covariates + Outcomes;
        var sums = new double[dimension];
        var products = new double[ProductCount(dimension)];
        long count = 0;
        foreach (var row in rows)
        {
            Add(sums, products, row);
            count++;
        }

        return new ArmMoments(count, sums, products);
    }

    /// <summary>Adds one row into running sums (for simulations that read the KPIs as users arrive).</summary>
    public static void Add(double[] sums, double[] products, IReadOnlyList<double> row)
    {
        var index = 0;
        for (var i = 0; i < row.Count; i++)
        {
            sums[i] += row[i];
            for (var j = i; j < row.Count; j++)
            {
                products[index++] += row[i] * row[j];
            }
        }
    }

    public double Mean(int i) => Sums[i] / Count;

    /// <summary>The sample covariance (n − 1) of z_i and z_j.</summary>
    public double Covariance(int i, int j) =>
        (Products[ProductIndex(i, j, Sums.Count)] - (Sums[i] * Sums[j] / Count)) / (Count - 1);

    public int OutcomeIndex(LiftMetric metric) => Covariates + (int)metric;

    /// <summary>Both sides together (the pooled covariate means and covariance the adjustment centres on).</summary>
    public ArmMoments Plus(ArmMoments other) => new(
        Count + other.Count,
        Sums.Zip(other.Sums, (a, b) => a + b).ToArray(),
        Products.Zip(other.Products, (a, b) => a + b).ToArray());
}
