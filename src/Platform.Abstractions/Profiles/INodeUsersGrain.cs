namespace Platform.Abstractions.Profiles;

/// <summary>
/// Which users have an active grain on one node (docs/imports.md#history-and-profiles): keyed by the node's silo address
/// (<c>SiloAddress.ToParsableString()</c>) and placed on that node, so asking every node of the cluster costs the users
/// asked about, not every grain the cluster holds.
/// </summary>
public interface INodeUsersGrain : IGrainWithStringKey
{
    /// <summary>
    /// Of <paramref name="userIds"/>, those of the tenant whose grain is active on this node; null when this grain does not
    /// run on the node its key names (that node has left), so its answer would be another node's.
    /// </summary>
    Task<IReadOnlyList<string>?> ActiveOfAsync(string tenantId, IReadOnlyList<string> userIds);
}
