namespace Platform.Domain.Profiles;

/// <summary>A decayed interest score and its share of the user's total interest.</summary>
public sealed record Affinity(string Key, double Score, double Share);
