using GraphQL.Types;

namespace Platform.Gateway.Api.Arguments;

public sealed class AttributeValueInputType : InputObjectGraphType<AttributeValueInput>
{
    public AttributeValueInputType()
    {
        Name = "AttributeValueInput";
        Description = "A custom attribute value: number for NUMERIC attributes, text for CATEGORICAL ones.";
        Field(a => a.Name).Description("A name declared with setAttributeSchema.");
        Field(a => a.Number, nullable: true).Description("The value of a NUMERIC attribute.");
        Field(a => a.Text, nullable: true).Description("The value of a CATEGORICAL attribute.");
    }
}
