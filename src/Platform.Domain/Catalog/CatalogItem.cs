namespace Platform.Domain.Catalog;

/// <summary>A validated catalog item; an upsert replaces the stored item whole.</summary>
public sealed record CatalogItem(
    string ItemId,
    string Title,
    IReadOnlyList<string> CategoryPath,
    string? Brand,
    decimal? Price,
    string? Currency,
    IReadOnlyList<string> Tags);
