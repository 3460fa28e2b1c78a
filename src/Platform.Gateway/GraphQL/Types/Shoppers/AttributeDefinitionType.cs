using GraphQL.Types;
using Platform.Domain.Shoppers;

namespace Platform.Gateway.GraphQL.Types.Shoppers;

public sealed class AttributeDefinitionType : ObjectGraphType<AttributeDefinition>
{
    public AttributeDefinitionType()
    {
        Name = "AttributeDefinition";
        Description = "A custom shopper attribute of the tenant.";
        Field(a => a.Name).Description("The attribute's name.");
        Field<NonNullGraphType<AttributeKindEnumType>>("kind").Description("NUMERIC or CATEGORICAL.").Resolve(ctx => ctx.Source.Kind);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("allowedValues").Description("Allowed values of a CATEGORICAL attribute, if restricted.").Resolve(ctx => ctx.Source.AllowedValues);
    }
}
