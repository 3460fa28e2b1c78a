namespace Platform.Domain.Audiences;

/// <summary>A field rules can test, and how to read it from a shopper snapshot.</summary>
public sealed record AudienceField(string Name, FieldKind Kind, Func<ShopperSnapshot, object?> Read);
