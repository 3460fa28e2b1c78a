namespace Platform.Simulation;

/// <summary>A fixed-size catalog: every leaf gets items of every brand of its category, priced around the category's median.</summary>
public static class CatalogGenerator
{
    public const int ItemsPerLeafAndBrand = 6;

    public static IReadOnlyList<SimulatedItem> Generate(int seed)
    {
        var random = new Random(Sampling.SeedFor(seed, "catalog", 0));
        var items = new List<SimulatedItem>();
        for (var category = 0; category < Taxonomy.Categories.Count; category++)
        {
            var spec = Taxonomy.Categories[category];
            foreach (var leaf in spec.Leaves)
            {
                foreach (var brand in spec.Brands)
                {
                    for (var n = 1; n <= ItemsPerLeafAndBrand; n++)
                    {
                        var price = Math.Round((decimal)random.LogNormal((double)spec.MedianPrice, 0.45), 2);
                        items.Add(new SimulatedItem($"sku-{leaf}-{brand}-{n}", $"{Capitalize(brand)} {leaf.Replace('-', ' ')} {n}", category, leaf, brand, Math.Max(1m, price)));
                    }
                }
            }
        }

        return items;
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
