namespace Platform.Domain.Shoppers;

/// <summary>Validated shopper attributes. Null fields leave the stored value unchanged; tags, when given, replace the stored ones.</summary>
public sealed record ShopperRecord(
    string UserId,
    int? Age,
    string? Gender,
    string? Region,
    string? Occupation,
    DateOnly? SignupDate,
    IReadOnlyDictionary<string, AttributeValue> Attributes,
    IReadOnlyList<string>? Tags);
