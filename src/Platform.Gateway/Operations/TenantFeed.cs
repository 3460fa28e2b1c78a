using Platform.Domain.Events;

namespace Platform.Gateway.Operations;

/// <summary>A tenant's feed as the operator sees it: the current layout, the log head, and where each partition stands.</summary>
public sealed record TenantFeed(FeedLayout Layout, long LogHead, IReadOnlyList<FeedPartitionStatus> Partitions);
