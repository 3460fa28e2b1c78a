namespace Platform.Simulation;

/// <summary>A top-level category of the simulated catalog, its leaves, brands and typical price.</summary>
public sealed record CategorySpec(string Id, IReadOnlyList<string> Leaves, IReadOnlyList<string> Brands, decimal MedianPrice);

public static class Taxonomy
{
    public static IReadOnlyList<CategorySpec> Categories { get; } =
    [
        new("electronics", ["audio", "phones", "computers"], ["sonora", "voltix", "pixelon", "auralis"], 180m),
        new("fashion", ["shoes", "outerwear", "accessories"], ["northwind", "velour", "kestrel", "ambra"], 60m),
        new("home", ["kitchen", "bedding", "decor"], ["hearth", "lumen", "oakline", "casita"], 45m),
        new("beauty", ["skincare", "makeup", "fragrance"], ["bloom", "veda", "lucent", "orla"], 30m),
        new("sports", ["running", "fitness", "camping"], ["stride", "apex", "trailhead", "kinetic"], 70m),
        new("grocery", ["coffee", "snacks", "pantry"], ["harvest", "crema", "pantrio", "greenfield"], 12m),
        new("toys", ["games", "puzzles", "outdoor-play"], ["playwell", "brickly", "tumble", "wonder"], 35m),
        new("books", ["fiction", "cooking", "kids-books"], ["inkwell", "folio", "pageturn", "quill"], 18m),
    ];

    public static int IndexOf(string categoryId) => Categories.ToList().FindIndex(c => c.Id == categoryId);

    public static readonly string[] Regions = ["north", "south", "east", "west", "central"];
    public static readonly double[] RegionWeights = [0.22, 0.24, 0.18, 0.2, 0.16];
    public static readonly string[] Genders = ["female", "male", "other"];
    public static readonly double[] GenderWeights = [0.52, 0.45, 0.03];
    public static readonly string[] Occupations = ["student", "professional", "self-employed", "homemaker", "retired"];
    public const string Currency = "EUR";
}
