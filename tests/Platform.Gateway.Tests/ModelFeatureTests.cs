using Platform.Domain.Modeling;
using Platform.Gateway.Api.Types.Models;

namespace Platform.Gateway.Tests;

/// <summary>What `ModelVersion.features` shows of a version's feature schema (docs/models.md#features).</summary>
public sealed class ModelFeatureTests
{
    [Fact]
    public void ANumberWithLevelsShowsThemAsItsValues()
    {
        var schema = new FeatureSchema(
            [
                new NumericFeature("code", Log: false, Mean: 2.5, Deviation: 1.1, HasMissing: false, Bins: [], Levels: [1, 2, 3.5]),
                new NumericFeature("spend", Log: true, Mean: 3, Deviation: 1, HasMissing: true, Bins: []),
                new NumericFeature("tag:vip", Log: false, Mean: 0.1, Deviation: 0.3, HasMissing: false, Bins: [], Flag: true),
            ],
            [new CategoricalFeature("plan", ["gold", "silver"])]);

        var features = ModelFeature.From(schema).ToDictionary(f => f.Name);

        Assert.Equal(["NUMERIC", "NUMERIC", "FLAG", "CATEGORICAL"], new[] { "code", "spend", "tag:vip", "plan" }.Select(name => features[name].Kind));
        Assert.Equal(["1", "2", "3.5"], features["code"].Values);
        Assert.Empty(features["spend"].Values);
        Assert.Empty(features["tag:vip"].Values);
        Assert.Equal(["gold", "silver"], features["plan"].Values);
    }
}
