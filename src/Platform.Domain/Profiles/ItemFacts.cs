namespace Platform.Domain.Profiles;

/// <summary>What the catalog says about an item, used to attribute events to categories and brands.</summary>
public sealed record ItemFacts(string ItemId, string? CategoryId, string? Brand, decimal? Price);
