namespace Platform.Domain.Events;

/// <summary>Where one partition of a tenant's feed stands: the offset it has delivered through, ranges waiting behind a gap, and the node it runs on.</summary>
public sealed record FeedPartitionStatus(int Generation, int Partition, long DeliveredThrough, int WaitingRanges, string Node);
