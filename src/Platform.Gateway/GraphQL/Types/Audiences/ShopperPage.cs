using Platform.Storage.Audiences;

namespace Platform.Gateway.GraphQL.Types.Audiences;

public sealed record ShopperPage(IReadOnlyList<ShopperSummary> Nodes, bool HasNextPage)
{
    public string? EndCursor => Nodes.Count > 0 ? Nodes[^1].UserId : null;
}
