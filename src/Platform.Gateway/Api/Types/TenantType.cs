using Platform.Domain.Users;
using Platform.Gateway.Api.Limits;
using GraphQL.Types;
using Platform.Abstractions.Tenants;

namespace Platform.Gateway.Api.Types;

public sealed class TenantType : ObjectGraphType<TenantInfo>
{
    public TenantType()
    {
        Name = "Tenant";
        Description = "A merchant account; every key, user and campaign belongs to exactly one.";
        Field(t => t.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Slug chosen at creation (lowercase letters, digits, '-').");
        Field(t => t.Name).Description("Display name.");
        Field(t => t.CreatedAt).Description("When the tenant was created (UTC).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Users.AttributeDefinitionType>>>>("attributeSchema").Description("Custom user attributes the tenant declares.").Resolve(ctx => ctx.Source.AttributeSchema)
            .FieldType.ListOf(AttributeSchemaRules.MaxAttributes);
        Field<NonNullGraphType<TenantSettingsType>>("settings").Description("Current settings.").Resolve(ctx => ctx.Source.Settings);
    }
}
