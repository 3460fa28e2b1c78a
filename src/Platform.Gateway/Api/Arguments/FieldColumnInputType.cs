using GraphQL.Types;
using Platform.Domain.Imports;

namespace Platform.Gateway.Api.Arguments;

public sealed class FieldColumnInputType : InputObjectGraphType<FieldColumn>
{
    public FieldColumnInputType()
    {
        Name = "FieldColumnInput";
        Description = "The file's column that holds an event field.";
        Field<NonNullGraphType<StringGraphType>>("field").Description($"The event field: {string.Join(", ", RowMappers.EventColumns)}.");
        Field<NonNullGraphType<StringGraphType>>("column").Description("The column name, as in the header.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new FieldColumn((string)value.Get("field")!, (string)value.Get("column")!);
}
