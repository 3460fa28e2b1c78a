using Platform.Abstractions;
using Platform.Abstractions.Profiles;
using Platform.Domain.Audiences;
using Platform.Domain.Campaigns;
using Platform.Domain.Modeling;
using Platform.Domain.Modeling.UserScores;
using Platform.Domain.Profiles;
using Platform.Domain.Users;
using Platform.Storage.Campaigns;
using Platform.Storage.Models;
using Platform.Storage.Users;

namespace Platform.Gateway.Operations;

/// <summary>A user as audiences and targeting judge them now; <see cref="Known"/> is false for a user the tenant has no profile or attributes of.</summary>
public sealed record LoadedUser(string UserId, UserSnapshot Snapshot, bool Known);

/// <summary>
/// Loads users' live profiles from their grains with their stored attributes and uplift-audience picks from PostgreSQL,
/// and their scores computed from the live profile (<see cref="ILiveUserScores"/>; the stored ones when this node
/// serves no USERS version of the tenant).
/// </summary>
public sealed class UserSnapshots(IGrainFactory grains, UserStore users, UserScoreStore scores, ILiveUserScores liveScores, CampaignAudienceStore picks, TimeProvider clock)
{
    /// <param name="parts">
    /// The scores and uplift picks to get besides the profile and attributes: what the audiences judged look at (without
    /// picks, an uplift audience holds nobody; without scores, a rule on a score matches as for an unscored user).
    /// </param>
    public async Task<IReadOnlyList<LoadedUser>> LoadAsync(string tenantId, IReadOnlyList<string> userIds, SnapshotParts parts, CancellationToken cancellationToken)
    {
        var views = Task.WhenAll(userIds.Select(id => grains.GetGrain<IUserGrain>(GrainKeys.User(tenantId, id)).GetAsync()));
        var attributes = users.FindManyAsync(tenantId, userIds, cancellationToken);
        var picked = parts.Picks ? picks.PickedForAsync(tenantId, userIds, cancellationToken) : Task.FromResult(NoPicks);
        await Task.WhenAll(views, attributes, picked);
        var profiles = views.Result.Select(v => v.Value).ToList();
        var scored = parts.Scores ? await ScoresAsync(tenantId, userIds, profiles, attributes.Result, cancellationToken) : NoScores;
        return userIds.Select((id, i) =>
        {
            var view = profiles[i];
            var stored = attributes.Result.GetValueOrDefault(id);
            return new LoadedUser(id, new UserSnapshot(view ?? EmptyView(), stored, scored.GetValueOrDefault(id), picked.Result.GetValueOrDefault(id)), view is not null || stored is not null);
        }).ToList();
    }

    /// <summary>The profile of a user without events, as of now.</summary>
    public ProfileView EmptyView() => ProfileReader.Read(new UserProfile(), clock.GetUtcNow(), ProfileSettings.Default);

    private async Task<IReadOnlyDictionary<string, UserScore>> ScoresAsync(
        string tenantId, IReadOnlyList<string> userIds, IReadOnlyList<ProfileView?> profiles, IReadOnlyDictionary<string, UserAttributes> attributes, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var features = userIds.Select((id, i) => profiles[i] is { } view ? TrainingFeatures.Merge(null, EnrollmentFeatures.Of(view, now), attributes.GetValueOrDefault(id)) : null).ToList();
        if (await liveScores.ScoreAsync(tenantId, features, cancellationToken) is not { } live)
        {
            return await scores.FindManyAsync(tenantId, userIds, cancellationToken);
        }

        return userIds.Select((id, i) => (id, Score: live[i])).Where(x => x.Score is not null).ToDictionary(x => x.id, x => x.Score!, StringComparer.Ordinal);
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> NoPicks = new Dictionary<string, IReadOnlySet<string>>();
    private static readonly IReadOnlyDictionary<string, UserScore> NoScores = new Dictionary<string, UserScore>();
}
