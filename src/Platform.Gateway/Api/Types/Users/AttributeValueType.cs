using GraphQL.Types;
using Platform.Domain.Users;

namespace Platform.Gateway.Api.Types.Users;

public sealed class AttributeValueType : ObjectGraphType<AttributeValue>
{
    public AttributeValueType()
    {
        Name = "AttributeValue";
        Description = "A user's value of a custom attribute.";
        Field(a => a.Name).Description("The attribute.");
        Field(a => a.Number, nullable: true).Description("The value, for NUMERIC attributes.");
        Field(a => a.Text, nullable: true).Description("The value, for CATEGORICAL attributes.");
    }
}
