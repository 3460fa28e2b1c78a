namespace Platform.Domain.Modeling;

/// <summary>
/// The slots a feature's values fall into for a population stability check (docs/models.md#drift): a number falls
/// between its training deciles (one slot below the first, one per gap, one above the last) or into "missing"; a flag
/// is absent or present; a category is one of its values, "other", or "missing".
/// </summary>
public static class FeatureSlots
{
    public static int Count(NumericFeature feature) => feature.Flag ? 2 : feature.Bins.Count + 2;

    public static int Count(CategoricalFeature feature) => feature.Values.Count + 2;

    public static int Of(NumericFeature feature, FeatureValue value)
    {
        var number = value.Number is { } n && double.IsFinite(n) ? n : (double?)null;
        if (feature.Flag)
        {
            return number is > 0 ? 1 : 0;
        }

        if (number is not { } x)
        {
            return feature.Bins.Count + 1;
        }

        var slot = 0;
        while (slot < feature.Bins.Count && x >= feature.Bins[slot])
        {
            slot++;
        }

        return slot;
    }

    public static int Of(CategoricalFeature feature, FeatureValue value)
    {
        if (FeatureSchema.Text(value) is not { } text)
        {
            return feature.Values.Count + 1;
        }

        var index = feature.Values.ToList().IndexOf(text);
        return index < 0 ? feature.Values.Count : index;
    }
}
