namespace Platform.Abstractions.Jobs;

/// <summary>
/// Scores users with a tenant's ACTIVE USERS version (docs/models.md#scores-on-users): queued when a version becomes ACTIVE,
/// and daily for every tenant, a recurring job on the workers.
/// </summary>
public interface IUserScoringJob
{
    Task ScoreTenantAsync(string tenantId, CancellationToken cancellationToken);

    Task ScoreAllAsync(CancellationToken cancellationToken);
}
