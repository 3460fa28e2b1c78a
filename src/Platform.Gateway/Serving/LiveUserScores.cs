using Platform.Abstractions.Profiles;
using Platform.Domain.Modeling;
using Platform.Domain.Modeling.UserScores;
using Platform.ML.UserScores;

namespace Platform.Gateway.Serving;

/// <summary>Scores users with the tenant's ACTIVE USERS version loaded on this node, one user at a time on plain arrays.</summary>
public sealed class LiveUserScores(ActiveModels<UserScoreModel> models, TimeProvider clock) : ILiveUserScores
{
    public async Task<IReadOnlyList<UserScore?>?> ScoreAsync(
        string tenantId, IReadOnlyList<IReadOnlyDictionary<string, FeatureValue>?> users, CancellationToken cancellationToken)
    {
        using var lease = await models.AcquireAsync(tenantId, cancellationToken);
        if (lease is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var vector = new float[lease.Model.Schema.Width];
        return users.Select(features =>
        {
            if (features is null)
            {
                return null;
            }

            lease.Model.Schema.Encode(features, vector);
            return (UserScore?)lease.Model.ToUserScore(lease.Model.ScoreOne(vector), 0, lease.VersionId, now);
        }).ToList();
    }
}
