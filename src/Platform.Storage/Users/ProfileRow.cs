using Platform.Domain.Events;
using Platform.Domain.Profiles;

namespace Platform.Storage.Users;

/// <summary>A user's profile flattened for users.profiles; <see cref="View"/> is a <see cref="ProfileReader.Summary"/> (no trajectory or campaign history).</summary>
public sealed record ProfileRow(string TenantId, string UserId, ProfileView View, DateTimeOffset AsOf)
{
    public const int TopKeys = 5;

    public IReadOnlyDictionary<string, int[]> Counters =>
        View.Counters.ToDictionary(c => EventTypeNames.ToWire(c.Type), c => new[] { (int)c.Total, c.Last7Days, c.Last30Days });
}
