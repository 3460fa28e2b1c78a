using Platform.Domain.Campaigns;

namespace Platform.Gateway.GraphQL.Types.Campaigns;

public sealed record CampaignPage(IReadOnlyList<Campaign> Nodes, bool HasNextPage, string? EndCursor);
