namespace Platform.Domain.Audiences;

/// <summary>A field rules can test, and how to read it from a user snapshot.</summary>
public sealed record AudienceField(string Name, FieldKind Kind, Func<UserSnapshot, object?> Read);
