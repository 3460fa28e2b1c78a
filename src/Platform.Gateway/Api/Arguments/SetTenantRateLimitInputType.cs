using GraphQL.Types;

namespace Platform.Gateway.Api.Arguments;

public sealed class SetTenantRateLimitInputType : InputObjectGraphType<SetTenantRateLimitInput>
{
    public SetTenantRateLimitInputType()
    {
        Name = "SetTenantRateLimitInput";
        Description = "A tenant's request rate limit, set by the operator.";
        Field(i => i.TenantId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The tenant.");
        Field(i => i.RequestsPerSecond).Description("Requests per second per gateway node, 1 to 100000.");
    }
}
