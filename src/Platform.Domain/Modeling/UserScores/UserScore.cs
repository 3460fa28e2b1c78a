namespace Platform.Domain.Modeling.UserScores;

/// <summary>
/// A user's scores from the tenant's ACTIVE USERS version, as of <see cref="ScoredAt"/> (docs/models.md#scores-on-users):
/// 30-day purchase propensity, expected 30-day spend, churn risk, and the persona (null when the version has none).
/// </summary>
public sealed record UserScore(
    Guid VersionId, double Propensity, double ExpectedSpend, double ChurnRisk, int? Persona, string? PersonaDescription, DateTimeOffset ScoredAt);
