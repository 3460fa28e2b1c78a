using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Platform.Grains.Placement;

/// <summary>Places a grain on the node whose silo address (<c>ToParsableString()</c>) is its key, or here when no such node is in the cluster.</summary>
[GenerateSerializer]
public sealed class NodePinnedPlacement : PlacementStrategy
{
    public static readonly NodePinnedPlacement Instance = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class NodePinnedPlacementAttribute() : PlacementAttribute(NodePinnedPlacement.Instance);

public sealed class NodePinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var named = target.GrainIdentity.Key.ToString();
        return Task.FromResult(context.GetCompatibleSilos(target).FirstOrDefault(s => s.ToParsableString() == named) ?? context.LocalSilo);
    }
}
