namespace Platform.Simulation;

/// <summary>A catalog item of the simulated shop.</summary>
public sealed record SimulatedItem(string Id, string Title, int Category, string Leaf, string Brand, decimal Price)
{
    public IReadOnlyList<string> CategoryPath => [Taxonomy.Categories[Category].Id, Leaf];
}
