
namespace Platform.Domain.Modeling;

/// <summary>What an uplift version stores as its metrics: its report (model and baseline on the held-out users, campaign effects) and the ACTIVE version's score on the same users when there was one.</summary>
public sealed record UpliftVersionMetrics(UpliftReport Report, UpliftEvaluation? Champion, Guid? ChampionVersionId);
