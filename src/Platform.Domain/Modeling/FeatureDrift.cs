namespace Platform.Domain.Modeling;

/// <summary>One feature's population stability index between a version's training rows and recently active users.</summary>
public sealed record FeatureDrift(string Name, double Psi);
