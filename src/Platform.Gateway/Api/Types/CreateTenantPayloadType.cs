using GraphQL.Types;

namespace Platform.Gateway.Api.Types;

public sealed class CreateTenantPayloadType : ObjectGraphType<CreateTenantPayload>
{
    public CreateTenantPayloadType()
    {
        Name = "CreateTenantPayload";
        Description = "The new tenant and its first ADMIN key.";
        Field<NonNullGraphType<TenantType>>("tenant").Description("The tenant.").Resolve(ctx => ctx.Source.Tenant);
        Field<NonNullGraphType<ApiKeyType>>("adminKey").Description("The first ADMIN key.").Resolve(ctx => ctx.Source.AdminKey);
        Field(p => p.AdminSecret).Description("The ADMIN key's secret. Shown only now: store it safely.");
    }
}
