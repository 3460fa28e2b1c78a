using Platform.Domain.Audiences;

namespace Platform.Storage.Audiences;

/// <summary>A named rule segment of a tenant.</summary>
public sealed record Segment(string Name, AudienceRule Rule, DateTimeOffset CreatedAt);
