using Platform.Domain.Modeling;

namespace Platform.Gateway.Api.Types.Models;

/// <summary>One feature of a version's <see cref="FeatureSchema"/>, as the API shows it.</summary>
public sealed record ModelFeature(string Name, string Kind, double? Mean, double? Deviation, bool LogScaled, IReadOnlyList<string> Values)
{
    public static IReadOnlyList<ModelFeature> From(FeatureSchema schema) =>
    [
        .. schema.Numeric.Select(f => new ModelFeature(f.Name, f.Flag ? "FLAG" : "NUMERIC", f.Mean, f.Deviation, f.Log, (f.Levels ?? []).Select(Text).ToList())),
        .. schema.Categorical.Select(f => new ModelFeature(f.Name, "CATEGORICAL", null, null, false, f.Values)),
    ];

    private static string Text(double level) => level.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
