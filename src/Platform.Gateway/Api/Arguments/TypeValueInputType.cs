using GraphQL.Types;
using Platform.Domain.Imports;

namespace Platform.Gateway.Api.Arguments;

public sealed class TypeValueInputType : InputObjectGraphType<TypeValue>
{
    public TypeValueInputType()
    {
        Name = "TypeValueInput";
        Description = "A value of the type column and the event type it stands for.";
        Field<NonNullGraphType<StringGraphType>>("value").Description("The value as the file writes it (exact, spaces around it aside), e.g. 'transaction'.");
        Field<NonNullGraphType<StringGraphType>>("type").Description("The event type's wire name, e.g. PURCHASE.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new TypeValue((string)value.Get("value")!, (string)value.Get("type")!);
}
