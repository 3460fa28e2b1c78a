using Platform.Domain.Campaigns;

namespace Platform.Simulation;

/// <summary>Draws a user's attributes and latent traits; each user depends only on the seed and its index.</summary>
public static class UserGenerator
{
    public static SimulatedUser Generate(int seed, int index, DateTimeOffset now)
    {
        var random = new Random(Sampling.SeedFor(seed, "user", index));
        var age = (int)Math.Clamp(Math.Round(random.Normal(38, 13)), 18, 85);
        var occupation = age switch
        {
            < 24 => random.Chance(0.7) ? "student" : "professional",
            >= 66 => random.Chance(0.8) ? "retired" : "self-employed",
            _ => random.Pick<string>(["professional", "professional", "professional", "self-employed", "homemaker"]),
        };

        // Preferences concentrate on two or three categories.
        var weights = Taxonomy.Categories.Select(_ => Math.Exp(random.Normal(0, 1.3))).ToArray();
        var total = weights.Sum();
        var categoryWeights = weights.Select(w => w / total).ToArray();

        // Younger users, students and retirees watch prices more closely.
        var sensitivityScore = random.Normal(0, 1) + (occupation is "student" or "retired" ? 0.9 : 0) - ((age - 38) * 0.01);
        var youth = Math.Clamp((45 - age) / 30.0, -1, 1);
        var channels = new Dictionary<Channel, double>
        {
            [Channel.Email] = Affinity(random, 0.9 - (0.3 * youth)),
            [Channel.Sms] = Affinity(random, 0.7),
            [Channel.Push] = Affinity(random, 0.8 + (0.4 * youth)),
            [Channel.InApp] = Affinity(random, 0.9 + (0.3 * youth)),
            [Channel.Banner] = Affinity(random, 0.5),
        };

        return new SimulatedUser(
            index,
            $"user-{index:D6}",
            age,
            Taxonomy.Genders[random.Pick(Taxonomy.GenderWeights)],
            Taxonomy.Regions[random.Pick(Taxonomy.RegionWeights)],
            occupation,
            DateOnly.FromDateTime(now.UtcDateTime.AddDays(-random.Next(30, 3 * 365))),
            SessionsPerMonth: Math.Clamp(random.LogNormal(0.8, 0.8), 0.2, 20),
            categoryWeights,
            Taxonomy.Categories.Select(c => random.Next(c.Brands.Count)).ToArray(),
            BrandLoyalty: Math.Pow(random.NextDouble(), 0.7),
            PriceSensitivity: Sampling.Sigmoid(sensitivityScore),
            BuyPropensity: Math.Clamp(random.LogNormal(0.09, 0.5), 0.01, 0.4),
            channels,
            ChurnedDaysAgo: random.Chance(0.15) ? random.Next(20, 90) : null);
    }

    private static double Affinity(Random random, double median) => Math.Clamp(random.LogNormal(median, 0.35), 0.1, 2.0);
}
