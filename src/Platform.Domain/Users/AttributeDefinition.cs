namespace Platform.Domain.Users;

/// <summary>A custom attribute a tenant declares for its users; categorical ones may list their allowed values.</summary>
public sealed record AttributeDefinition(string Name, AttributeKind Kind, IReadOnlyList<string>? AllowedValues = null);
