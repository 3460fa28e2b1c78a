namespace Platform.Simulation;

/// <summary>The few distributions the simulator draws from.</summary>
internal static class Sampling
{
    public static double Normal(this Random random, double mean = 0, double deviation = 1)
    {
        // Box-Muller
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    public static double LogNormal(this Random random, double median, double spread) => median * Math.Exp(random.Normal(0, spread));

    public static int Poisson(this Random random, double mean)
    {
        // Knuth's method: the means here are small.
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static int Pick(this Random random, IReadOnlyList<double> weights)
    {
        var target = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>A stable seed for one part of the world, so users can be generated in any order.</summary>
    public static int SeedFor(int worldSeed, string part, int index) =>
        (int)(StableHash($"{worldSeed}/{part}/{index}") & 0x7FFFFFFF);

    /// <summary>FNV-1a: stable across processes, unlike string.GetHashCode.</summary>
    public static uint StableHash(string text)
    {
        var hash = 2166136261;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }

    /// <summary>A uniform number in [0, 1) fixed by the text: holdout assignment.</summary>
    public static double Unit(string text) => StableHash(text) / 4294967296.0;
}
