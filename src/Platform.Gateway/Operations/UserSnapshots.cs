using Platform.Abstractions;
using Platform.Abstractions.Profiles;
using Platform.Domain.Audiences;
using Platform.Domain.Modeling.UserScores;
using Platform.Domain.Profiles;
using Platform.Storage.Campaigns;
using Platform.Storage.Models;
using Platform.Storage.Users;

namespace Platform.Gateway.Operations;

/// <summary>A user as audiences and targeting judge them now; <see cref="Known"/> is false for a user the tenant has no profile or attributes of.</summary>
public sealed record LoadedUser(string UserId, UserSnapshot Snapshot, bool Known);

/// <summary>Loads users' live profiles from their grains with their stored attributes, scores and uplift-audience picks from PostgreSQL.</summary>
public sealed class UserSnapshots(IGrainFactory grains, UserStore users, UserScoreStore scores, CampaignAudienceStore picks, TimeProvider clock)
{
    /// <param name="parts">
    /// The scores and uplift picks to read besides the profile and attributes: what the audiences judged look at (without
    /// picks, an uplift audience holds nobody; without scores, a rule on a score matches as for an unscored user).
    /// </param>
    public async Task<IReadOnlyList<LoadedUser>> LoadAsync(string tenantId, IReadOnlyList<string> userIds, SnapshotParts parts, CancellationToken cancellationToken)
    {
        var views = Task.WhenAll(userIds.Select(id => grains.GetGrain<IUserGrain>(GrainKeys.User(tenantId, id)).GetAsync()));
        var attributes = users.FindManyAsync(tenantId, userIds, cancellationToken);
        var scored = parts.Scores ? scores.FindManyAsync(tenantId, userIds, cancellationToken) : Task.FromResult(NoScores);
        var picked = parts.Picks ? picks.PickedForAsync(tenantId, userIds, cancellationToken) : Task.FromResult(NoPicks);
        await Task.WhenAll(views, attributes, scored, picked);
        return userIds.Select((id, i) =>
        {
            var view = views.Result[i].Value;
            var stored = attributes.Result.GetValueOrDefault(id);
            return new LoadedUser(id, new UserSnapshot(view ?? EmptyView(), stored, scored.Result.GetValueOrDefault(id), picked.Result.GetValueOrDefault(id)), view is not null || stored is not null);
        }).ToList();
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> NoPicks = new Dictionary<string, IReadOnlySet<string>>();
    private static readonly IReadOnlyDictionary<string, UserScore> NoScores = new Dictionary<string, UserScore>();

    /// <summary>The profile of a user without events, as of now.</summary>
    public ProfileView EmptyView() => ProfileReader.Read(new UserProfile(), clock.GetUtcNow(), ProfileSettings.Default);
}
