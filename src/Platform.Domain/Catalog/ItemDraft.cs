namespace Platform.Domain.Catalog;

/// <summary>A catalog item as sent by upsertItems or an import.</summary>
public sealed record ItemDraft(
    string? ItemId,
    string? Title,
    IReadOnlyList<string>? CategoryPath = null,
    string? Brand = null,
    decimal? Price = null,
    string? Currency = null,
    IReadOnlyList<string>? Tags = null);
