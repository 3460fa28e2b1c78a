using GraphQL.Types;
using Platform.Domain.Imports;

namespace Platform.Gateway.Api.Arguments;

public sealed class FieldValueInputType : InputObjectGraphType<FieldValue>
{
    public FieldValueInputType()
    {
        Name = "FieldValueInput";
        Description = "The value of an event field for every row that has none.";
        Field<NonNullGraphType<StringGraphType>>("field").Description("The event field, e.g. currency.");
        Field<NonNullGraphType<StringGraphType>>("value").Description("Its value, as a cell would hold it, e.g. GBP.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new FieldValue((string)value.Get("field")!, (string)value.Get("value")!);
}
