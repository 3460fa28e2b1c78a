namespace Platform.Domain.Users;

/// <summary>A custom attribute value: a number for numeric attributes, a text for categorical ones.</summary>
public sealed record AttributeValue(string Name, double? Number, string? Text);
