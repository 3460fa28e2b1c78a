using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Types.Profiles;

namespace Platform.Gateway.Operations;

/// <summary>Reads a user: the live profile from its grain, the attributes and model scores from PostgreSQL, its named segments now.</summary>
public sealed class ProfileService(UserSnapshots snapshots, AudienceService audiences)
{
    public async Task<UserProfileResult?> FindAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        ApiError.RequireId("id", userId);
        var user = (await snapshots.LoadAsync(tenantId, [userId], withPicks: false, cancellationToken))[0];
        if (!user.Known)
        {
            return null;
        }

        var segments = await audiences.MembershipsAsync(tenantId, user.Snapshot);
        return new UserProfileResult(userId, user.Snapshot.View, user.Snapshot.Attributes, segments, user.Snapshot.Score);
    }
}
