using Microsoft.Extensions.Logging;
using Platform.Grains.Writing;
using Platform.Storage.Users;

namespace Platform.Grains.Profiles;

/// <summary>Writes the latest profile row of each user on this node to users.profiles, once a second.</summary>
public sealed class ProjectionWriter(ProfileProjection projection, ILogger<ProjectionWriter> logger)
    : LatestRowWriter<(string Tenant, string User), ProfileRow>(logger)
{
    protected override (string Tenant, string User) KeyOf(ProfileRow row) => (row.TenantId, row.UserId);

    protected override Task WriteAsync(IReadOnlyList<ProfileRow> rows, CancellationToken cancellationToken) => projection.UpsertAsync(rows, cancellationToken);
}
