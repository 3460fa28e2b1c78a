namespace Platform.Domain.Shoppers;

/// <summary>A shopper's stored attributes and tags.</summary>
public sealed record ShopperAttributes(
    string UserId,
    int? Age,
    string? Gender,
    string? Region,
    string? Occupation,
    DateOnly? SignupDate,
    IReadOnlyList<AttributeValue> Attributes,
    IReadOnlyList<string> Tags);
