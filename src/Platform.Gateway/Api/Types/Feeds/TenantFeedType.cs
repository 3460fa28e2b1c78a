using GraphQL.Types;
using Platform.Domain.Events;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Operations;

namespace Platform.Gateway.Api.Types.Feeds;

public sealed class TenantFeedType : ObjectGraphType<TenantFeed>
{
    public TenantFeedType()
    {
        Name = "TenantFeed";
        Description = "The partitions that deliver a tenant's events to its users' profiles (docs/events.md#feed-partitions).";
        Field<NonNullGraphType<IntGraphType>>("generation").Description("The layout's number: 0 until the partition count is first changed, then one more per change.").Resolve(ctx => ctx.Source.Layout.Generation);
        Field<NonNullGraphType<IntGraphType>>("partitionCount").Description("Partitions of the current generation.").Resolve(ctx => ctx.Source.Layout.Partitions);
        Field<NonNullGraphType<LongGraphType>>("startsAfter").Description("The current generation delivers the events after this log sequence number.").Resolve(ctx => ctx.Source.Layout.AfterSeq);
        Field<NonNullGraphType<LongGraphType>>("logHead").Description("The tenant's last sequence number.").Resolve(ctx => ctx.Source.LogHead);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FeedPartitionType>>>>("partitions").Description("Each partition of the current generation.").Resolve(ctx => ctx.Source.Partitions)
            .FieldType.ListOf(FeedLayout.MaxPartitions);
    }
}

public sealed class FeedPartitionType : ObjectGraphType<FeedPartitionStatus>
{
    public FeedPartitionType()
    {
        Name = "FeedPartition";
        Description = "One partition of a tenant's feed.";
        Field(p => p.Partition).Description("Its index, 0 to partitionCount − 1; a user's partition is a hash of the user id.");
        Field<NonNullGraphType<LongGraphType>>("deliveredThrough").Description("Every event of its users up to this sequence number is in their profiles.").Resolve(ctx => ctx.Source.DeliveredThrough);
        Field(p => p.WaitingRanges).Description("Ranges handed over ahead of a gap, waiting for it to fill or to be read from the log.");
        Field(p => p.Node).Description("The gateway node (silo endpoint) it runs on.");
    }
}
