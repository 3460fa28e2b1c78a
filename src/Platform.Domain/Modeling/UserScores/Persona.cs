namespace Platform.Domain.Modeling.UserScores;

/// <summary>A group of users whose learned representations lie close together, described by what sets it apart.</summary>
public sealed record Persona(int Index, double Share, string Description, IReadOnlyList<PersonaTrait> Traits);

/// <summary>
/// One column where a persona differs from everyone: its mean and everyone's (a standardized number, or the share of users
/// with a category value, a flag or a missing value), and the difference in standard deviations of the column.
/// </summary>
public sealed record PersonaTrait(string Column, bool Numeric, double PersonaMean, double OverallMean, double StandardizedDifference);

/// <summary>How well separated the personas were for each k tried; the k with the highest silhouette was kept.</summary>
public sealed record PersonaChoice(int K, double Silhouette);
