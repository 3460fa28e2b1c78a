namespace Platform.Domain.Modeling;

/// <summary>
/// The user features a model version reads, learned from its training rows and stored with it (docs/models.md#features).
/// Features come from the tenant's data, whatever their names: the numbers and texts stored with each assignment (live
/// profiles' features at assignment, an imported experiment's feature columns) and the user's attributes. Keys that start
/// with <see cref="AffinityPrefix"/> are the user's category affinities at assignment; they feed the design match, not
/// the user vector. Keys that start with <see cref="TagPrefix"/> are flags (the user has the tag).
/// </summary>
public sealed record FeatureSchema(IReadOnlyList<NumericFeature> Numeric, IReadOnlyList<CategoricalFeature> Categorical)
{
    public const string AffinityPrefix = "affinity:";
    public const string TagPrefix = "tag:";

    /// <summary>The width of the user vector.</summary>
    public int Width => Numeric.Sum(f => f.Width) + Categorical.Sum(f => f.Width);

    public IEnumerable<string> Names => Numeric.Select(f => f.Name).Concat(Categorical.Select(f => f.Name));

    /// <summary>Encodes a user's features into <paramref name="vector"/> (length <see cref="Width"/>); unknown keys are ignored.</summary>
    public void Encode(IReadOnlyDictionary<string, FeatureValue> features, Span<float> vector)
    {
        vector.Clear();
        var at = 0;
        foreach (var feature in Numeric)
        {
            if (features.TryGetValue(feature.Name, out var value) && value.Number is { } number && double.IsFinite(number))
            {
                vector[at] = feature.Encode(number);
                if (feature.LevelOf(number) is >= 0 and var level)
                {
                    vector[at + (feature.HasMissing ? 2 : 1) + level] = 1;
                }
            }
            else if (feature.Flag)
            {
                vector[at] = feature.Encode(0);
            }
            else if (feature.HasMissing)
            {
                vector[at + 1] = 1;
            }

            at += feature.Width;
        }

        foreach (var feature in Categorical)
        {
            if (features.TryGetValue(feature.Name, out var value) && Text(value) is { } text)
            {
                var index = IndexOf(feature.Values, text);
                vector[at + (index < 0 ? feature.Values.Count : index)] = 1;
            }

            at += feature.Width;
        }
    }

    public float[] Encode(IReadOnlyDictionary<string, FeatureValue> features)
    {
        var vector = new float[Width];
        Encode(features, vector);
        return vector;
    }

    /// <summary>The names of the user vector's columns, for reasons and drift reports.</summary>
    public IReadOnlyList<string> ColumnNames()
    {
        var names = new List<string>(Width);
        foreach (var feature in Numeric)
        {
            names.Add(feature.Name);
            if (feature.HasMissing)
            {
                names.Add($"{feature.Name} missing");
            }

            names.AddRange((feature.Levels ?? []).Select(level => $"{feature.Name}={level.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        }

        foreach (var feature in Categorical)
        {
            names.AddRange(feature.Values.Select(v => $"{feature.Name}={v}"));
            names.Add($"{feature.Name}=other");
        }

        return names;
    }

    internal static string? Text(FeatureValue value) =>
        value.Text ?? (value.Number is { } number ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);

    private static int IndexOf(IReadOnlyList<string> values, string text)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], text, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
