using System.Collections.Concurrent;

namespace Platform.Grains.Profiles;

/// <summary>
/// The users with an active grain on this node, per tenant: a user grain adds itself before it reads the log and removes
/// itself when it deactivates, so a user missing here either has no grain or activates after the question and reads
/// the log then (docs/imports.md#history-and-profiles).
/// </summary>
public sealed class ActiveUsers
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> byTenant = new(StringComparer.Ordinal);

    public void Add(string tenantId, string userId) =>
        byTenant.GetOrAdd(tenantId, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))[userId] = 0;

    public void Remove(string tenantId, string userId)
    {
        if (byTenant.TryGetValue(tenantId, out var users))
        {
            users.TryRemove(userId, out _);
        }
    }

    /// <summary>Of <paramref name="userIds"/>, those of the tenant with an active grain here, in the order given.</summary>
    public IReadOnlyList<string> ActiveOf(string tenantId, IEnumerable<string> userIds) =>
        byTenant.TryGetValue(tenantId, out var users) ? [.. userIds.Where(users.ContainsKey)] : [];
}
