using GraphQL.Types;
using Platform.Abstractions.Tenants;

namespace Platform.Gateway.GraphQL.Types;

public sealed class TenantType : ObjectGraphType<TenantInfo>
{
    public TenantType()
    {
        Name = "Tenant";
        Description = "A merchant account; every key, shopper and campaign belongs to exactly one.";
        Field(t => t.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Slug chosen at creation (lowercase letters, digits, '-').");
        Field(t => t.Name).Description("Display name.");
        Field(t => t.CreatedAt).Description("When the tenant was created (UTC).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Shoppers.AttributeDefinitionType>>>>("attributeSchema").Description("Custom shopper attributes the tenant declares.").Resolve(ctx => ctx.Source.AttributeSchema);
        Field<NonNullGraphType<TenantSettingsType>>("settings").Description("Current settings.").Resolve(ctx => ctx.Source.Settings);
    }
}
