using GraphQL.Types;
using Platform.Domain.Events;

namespace Platform.Gateway.Api.Arguments;

public sealed class SetTenantFeedPartitionsInputType : InputObjectGraphType<SetTenantFeedPartitionsInput>
{
    public SetTenantFeedPartitionsInputType()
    {
        Name = "SetTenantFeedPartitionsInput";
        Description = "How many partitions deliver a tenant's events to its users' profiles, set by the operator.";
        Field(i => i.TenantId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The tenant.");
        Field(i => i.Partitions).Description($"Feed partitions, 1 to {FeedLayout.MaxPartitions}.");
    }
}
