namespace Platform.Domain.Modeling;

/// <summary>
/// A text user feature: one slot per value seen often enough in training, and one for every other value (unknown);
/// missing is all zeros. <see cref="Shares"/>: the training rows' share in each of its <see cref="FeatureSlots"/>, for drift checks.
/// </summary>
public sealed record CategoricalFeature(string Name, IReadOnlyList<string> Values, IReadOnlyList<double>? Shares = null)
{
    public int Width => Values.Count + 1;
}
