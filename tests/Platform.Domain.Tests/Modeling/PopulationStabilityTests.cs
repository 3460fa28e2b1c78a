using Platform.Domain.Modeling;

namespace Platform.Domain.Tests.Modeling;

public sealed class PopulationStabilityTests
{
    [Fact]
    public void TheSameDistributionHasNoDriftAndAKnownShiftItsTextbookIndex()
    {
        Assert.Equal(0, PopulationStability.Index([0.25, 0.25, 0.5], [0.25, 0.25, 0.5]), 12);
        // (0.5 − 0.25)·ln 2 + (0.25 − 0.5)·ln 0.5 = 0.5·ln 2
        Assert.Equal(0.5 * Math.Log(2), PopulationStability.Index([0.25, 0.25, 0.5], [0.5, 0.25, 0.25]), 12);
    }

    [Fact]
    public void AnEmptySlotIsFlooredInsteadOfInfinite() =>
        Assert.True(double.IsFinite(PopulationStability.Index([0.5, 0.5], [1, 0])));

    [Fact]
    public void TrainingSharesAreLearnedWithTheSchemaAndAShiftedPopulationStandsOut()
    {
        var random = new Random(3);
        var statistics = new FeatureStatistics();
        var training = Enumerable.Range(0, 4_000).Select(_ => Row(random.Next(18, 70), random.NextDouble() < 0.3 ? "north" : "south", random.NextDouble() < 0.4)).ToList();
        training.ForEach(statistics.Add);
        var schema = statistics.Build();

        var same = Enumerable.Range(0, 2_000).Select(_ => Row(random.Next(18, 70), random.NextDouble() < 0.3 ? "north" : "south", random.NextDouble() < 0.4)).ToList();
        var older = Enumerable.Range(0, 2_000).Select(_ => Row(random.Next(55, 90), random.NextDouble() < 0.3 ? "north" : "south", random.NextDouble() < 0.4)).ToList();

        Assert.All(schema.Numeric.Concat<object>(schema.Categorical), f => Assert.Equal(1, Shares(f).Sum(), 6));
        Assert.All(PopulationStability.Of(schema, same), d => Assert.True(d.Psi < PopulationStability.Moderate, $"{d.Name}: {d.Psi}"));
        var drift = PopulationStability.Of(schema, older);
        Assert.Equal("age", drift[0].Name);
        Assert.True(drift[0].Psi > PopulationStability.Large, $"age: {drift[0].Psi}");
        Assert.All(drift.Skip(1), d => Assert.True(d.Psi < PopulationStability.Moderate, $"{d.Name}: {d.Psi}"));
    }

    [Fact]
    public void AnInputNoCurrentUserHasIsLeftOutButAnAbsentTagIsAValue()
    {
        var random = new Random(5);
        var statistics = new FeatureStatistics();
        Enumerable.Range(0, 1_000).Select(_ => Row(random.Next(18, 70), random.NextDouble() < 0.3 ? "north" : "south", random.NextDouble() < 0.4)).ToList().ForEach(statistics.Add);
        var schema = statistics.Build();
        var withoutRegionOrTags = Enumerable.Range(0, 500).Select(_ => new Dictionary<string, FeatureValue> { ["age"] = FeatureValue.Of(random.Next(18, 70)) })
            .Cast<IReadOnlyDictionary<string, FeatureValue>>().ToList();

        Assert.Equal(["region"], PopulationStability.Unobserved(schema, withoutRegionOrTags));
        var drift = PopulationStability.Of(schema, withoutRegionOrTags);
        Assert.DoesNotContain(drift, d => d.Name == "region");
        Assert.True(drift.Single(d => d.Name == "tag:vip").Psi > PopulationStability.Large); // nobody is tagged any more: a real shift
    }

    [Fact]
    public void AMissingValueHasASlotOfItsOwn()
    {
        var feature = new NumericFeature("x", Log: false, 0, 1, HasMissing: true, Bins: [1, 2]);

        Assert.Equal([0, 1, 2, 3], new FeatureValue?[] { FeatureValue.Of(0.5), FeatureValue.Of(1), FeatureValue.Of(7), null }.Select(v => FeatureSlots.Of(feature, v ?? default)));
        Assert.Equal(4, FeatureSlots.Count(feature));
    }

    private static IReadOnlyList<double> Shares(object feature) => feature switch
    {
        NumericFeature n => n.Shares!,
        CategoricalFeature c => c.Shares!,
        _ => throw new ArgumentException("not a feature"),
    };

    private static Dictionary<string, FeatureValue> Row(int age, string region, bool tagged)
    {
        var row = new Dictionary<string, FeatureValue> { ["age"] = FeatureValue.Of(age), ["region"] = FeatureValue.Of(region) };
        if (tagged)
        {
            row["tag:vip"] = FeatureValue.Of(1);
        }

        return row;
    }
}
