using Platform.Domain.Shoppers;

namespace Platform.Storage.Shoppers;

/// <summary>A shopper's stored attributes and tags.</summary>
public sealed record StoredShopper(
    string UserId,
    int? Age,
    string? Gender,
    string? Region,
    string? Occupation,
    DateOnly? SignupDate,
    IReadOnlyList<AttributeValue> Attributes,
    IReadOnlyList<string> Tags);
