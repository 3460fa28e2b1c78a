using Platform.Domain.Modeling;
using Platform.Domain.Modeling.UserScores;

namespace Platform.Abstractions.Profiles;

/// <summary>
/// Scores users from their live profiles with the tenant's ACTIVE USERS version, as this node serves it
/// (docs/models.md#scores-on-users): what a user's scores are wherever one user is judged in memory — user(id), its
/// segments, campaign targeting at enrollment and in recommendations. Implemented where the models are served (a gateway
/// node); without it, or without a version this node can serve, the stored scores of the last scoring job are used.
/// </summary>
public interface ILiveUserScores
{
    /// <param name="users">Each user's features as training reads them; null for a user without a profile (no events), who gets no score.</param>
    /// <returns>The scores, in the order of <paramref name="users"/>; null when this node has no USERS version of the tenant to serve.</returns>
    Task<IReadOnlyList<UserScore?>?> ScoreAsync(string tenantId, IReadOnlyList<IReadOnlyDictionary<string, FeatureValue>?> users, CancellationToken cancellationToken);
}
