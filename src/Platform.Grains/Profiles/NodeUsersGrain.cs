using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Runtime;
using Platform.Abstractions.Profiles;
using Platform.Grains.Placement;

namespace Platform.Grains.Profiles;

/// <summary>Answers for this node's <see cref="ActiveUsers"/>; placed on the node its key names.</summary>
[NodePinnedPlacement]
[Immovable]
[Reentrant]
public sealed class NodeUsersGrain(ActiveUsers active, ILocalSiloDetails silo) : Grain, INodeUsersGrain
{
    public Task<IReadOnlyList<string>?> ActiveOfAsync(string tenantId, IReadOnlyList<string> userIds)
    {
        if (this.GetPrimaryKeyString() != silo.SiloAddress.ToParsableString())
        {
            DeactivateOnIdle();
            return Task.FromResult<IReadOnlyList<string>?>(null);
        }

        return Task.FromResult<IReadOnlyList<string>?>(active.ActiveOf(tenantId, userIds));
    }
}
