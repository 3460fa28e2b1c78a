using GraphQL.Types;
using Platform.Domain.Users;

namespace Platform.Gateway.Api.Types.Users;

public sealed class AttributeDefinitionType : ObjectGraphType<AttributeDefinition>
{
    public AttributeDefinitionType()
    {
        Name = "AttributeDefinition";
        Description = "A custom user attribute of the tenant.";
        Field(a => a.Name).Description("The attribute's name.");
        Field<NonNullGraphType<AttributeKindEnumType>>("kind").Description("NUMERIC or CATEGORICAL.").Resolve(ctx => ctx.Source.Kind);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("allowedValues").Description("Allowed values of a CATEGORICAL attribute, if restricted.").Resolve(ctx => ctx.Source.AllowedValues);
    }
}
