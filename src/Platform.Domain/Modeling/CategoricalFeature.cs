namespace Platform.Domain.Modeling;

/// <summary>A text user feature: one slot per value seen often enough in training, and one for every other value (unknown); missing is all zeros.</summary>
public sealed record CategoricalFeature(string Name, IReadOnlyList<string> Values)
{
    public int Width => Values.Count + 1;
}
