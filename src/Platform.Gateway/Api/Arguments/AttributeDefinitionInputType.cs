using GraphQL.Types;
using Platform.Gateway.Api.Types.Users;

namespace Platform.Gateway.Api.Arguments;

public sealed class AttributeDefinitionInputType : InputObjectGraphType<AttributeDefinitionInput>
{
    public AttributeDefinitionInputType()
    {
        Name = "AttributeDefinitionInput";
        Description = "A custom user attribute the tenant declares.";
        Field(a => a.Name).Description("1-40 characters: a lowercase letter, then lowercase letters, digits or '_'.");
        Field(a => a.Kind, type: typeof(NonNullGraphType<AttributeKindEnumType>)).Description("NUMERIC or CATEGORICAL.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("allowedValues").Description("For CATEGORICAL: the values allowed (any short text when omitted).");
    }
}
