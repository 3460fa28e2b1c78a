using System.Collections.Concurrent;

namespace Platform.Grains.Profiles;

/// <summary>
/// The users with an active grain on this node, per tenant: a user grain adds itself before it reads the log and removes
/// itself when it deactivates, so a user missing here either has no grain or activates after the question and reads
/// the log then (docs/imports.md#history-and-profiles).
/// </summary>
public sealed class ActiveUsers
{
    // Each entry holds the activation that added it: an activation that leaves late removes its own entry, not a newer one's.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, object>> byTenant = new(StringComparer.Ordinal);

    public void Add(string tenantId, string userId, object activation) =>
        byTenant.GetOrAdd(tenantId, _ => new ConcurrentDictionary<string, object>(StringComparer.Ordinal))[userId] = activation;

    public void Remove(string tenantId, string userId, object activation)
    {
        if (byTenant.TryGetValue(tenantId, out var users))
        {
            users.TryRemove(KeyValuePair.Create(userId, activation));
        }
    }

    /// <summary>Of <paramref name="userIds"/>, those of the tenant with an active grain here, in the order given.</summary>
    public IReadOnlyList<string> ActiveOf(string tenantId, IEnumerable<string> userIds) =>
        byTenant.TryGetValue(tenantId, out var users) ? [.. userIds.Where(users.ContainsKey)] : [];
}
