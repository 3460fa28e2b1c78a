using Platform.Abstractions;
using Platform.Abstractions.Profiles;
using Platform.Domain.Audiences;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Types.Profiles;
using Platform.Storage.Users;

namespace Platform.Gateway.Operations;

/// <summary>
/// Reads a user: the live profile from its grain, and only what the request asks for besides — the attributes, the
/// scores (computed from the live profile, which needs the attributes too), and both for the named segments (their rules
/// may read either). user(id) is a storefront read: a request for the profile alone of an active user costs one grain
/// call and no database round trip.
/// </summary>
public sealed class ProfileService(IGrainFactory grains, UserStore users, UserSnapshots snapshots, AudienceService audiences)
{
    /// <param name="Attributes">The request reads <c>attributes</c>.</param>
    /// <param name="Scores">The request reads <c>scores</c>.</param>
    /// <param name="Segments">The request reads <c>segments</c>.</param>
    public sealed record Parts(bool Attributes, bool Scores, bool Segments);

    public async Task<UserProfileResult?> FindAsync(string tenantId, string userId, Parts parts, CancellationToken cancellationToken)
    {
        ApiError.RequireId("id", userId);
        if (parts.Segments || parts.Scores)
        {
            var user = (await snapshots.LoadAsync(tenantId, [userId], new SnapshotParts(Scores: true, Picks: false), cancellationToken))[0];
            if (!user.Known)
            {
                return null;
            }

            IReadOnlyList<string> segments = parts.Segments ? await audiences.MembershipsAsync(tenantId, user.Snapshot) : [];
            return new UserProfileResult(userId, user.Snapshot.View, user.Snapshot.Attributes, segments, user.Snapshot.Score);
        }

        var view = grains.GetGrain<IUserGrain>(GrainKeys.User(tenantId, userId)).GetAsync();
        var attributes = parts.Attributes ? users.FindAsync(tenantId, userId, cancellationToken) : Task.FromResult<Domain.Users.UserAttributes?>(null);
        await Task.WhenAll(view, attributes);
        // A user with attributes and no events is known too: without a profile, its attributes decide.
        if ((await view).Value is not { } profile)
        {
            var stored = parts.Attributes ? await attributes : await users.FindAsync(tenantId, userId, cancellationToken);
            return stored is null ? null : new UserProfileResult(userId, snapshots.EmptyView(), stored, [], null);
        }

        return new UserProfileResult(userId, profile, await attributes, [], null);
    }
}
