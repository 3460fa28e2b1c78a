namespace Platform.Domain.Modeling;

/// <summary>
/// The population stability index of each feature a version reads (docs/models.md#drift): how far today's users'
/// distribution over the feature's <see cref="FeatureSlots"/> moved from the training rows'. PSI = Σ (a − e) · ln(a / e)
/// over the slots, shares floored at <see cref="Floor"/>; by the usual reading, under 0.1 is stable, 0.1 to 0.25 a
/// moderate shift, over 0.25 a large one.
/// </summary>
public static class PopulationStability
{
    public const double Floor = 1e-4;
    public const double Moderate = 0.1;
    public const double Large = 0.25;

    public static double Index(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        var index = 0.0;
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (Math.Max(Floor, expected[i]), Math.Max(Floor, actual[i]));
            index += (a - e) * Math.Log(a / e);
        }

        return index;
    }

    /// <summary>
    /// Each feature with training shares (versions trained before drift checks have none), against the users' features,
    /// most drifted first; <see cref="Unobserved"/> features are left out.
    /// </summary>
    public static IReadOnlyList<FeatureDrift> Of(FeatureSchema schema, IReadOnlyList<IReadOnlyDictionary<string, FeatureValue>> users)
    {
        var drifts = new List<FeatureDrift>();
        if (users.Count == 0)
        {
            return drifts;
        }

        var unobserved = Unobserved(schema, users).ToHashSet(StringComparer.Ordinal);
        foreach (var feature in schema.Numeric.Where(f => f.Shares is not null && !unobserved.Contains(f.Name)))
        {
            drifts.Add(new FeatureDrift(feature.Name, Index(feature.Shares!, Shares(users, FeatureSlots.Count(feature), v => FeatureSlots.Of(feature, v), feature.Name))));
        }

        foreach (var feature in schema.Categorical.Where(f => f.Shares is not null && !unobserved.Contains(f.Name)))
        {
            drifts.Add(new FeatureDrift(feature.Name, Index(feature.Shares!, Shares(users, FeatureSlots.Count(feature), v => FeatureSlots.Of(feature, v), feature.Name))));
        }

        return drifts.OrderByDescending(d => d.Psi).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Features no user has (tags aside, whose absence is a value): they come only with training rows — an imported
    /// experiment's columns — so today's users cannot be compared on them.
    /// </summary>
    public static IReadOnlyList<string> Unobserved(FeatureSchema schema, IReadOnlyList<IReadOnlyDictionary<string, FeatureValue>> users) =>
        users.Count == 0
            ? []
            : schema.Numeric.Where(f => !f.Flag).Select(f => f.Name).Concat(schema.Categorical.Select(f => f.Name))
                .Where(name => !users.Any(u => u.ContainsKey(name))).ToList();

    private static double[] Shares(IReadOnlyList<IReadOnlyDictionary<string, FeatureValue>> users, int slots, Func<FeatureValue, int> slotOf, string name)
    {
        var shares = new double[slots];
        foreach (var features in users)
        {
            shares[slotOf(features.GetValueOrDefault(name))] += 1.0 / users.Count;
        }

        return shares;
    }
}
