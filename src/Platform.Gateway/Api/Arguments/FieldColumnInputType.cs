using GraphQL.Types;
using Platform.Domain.Imports;

namespace Platform.Gateway.Api.Arguments;

public sealed class FieldColumnInputType : InputObjectGraphType<FieldColumn>
{
    public FieldColumnInputType()
    {
        Name = "FieldColumnInput";
        Description = "The file's column that holds a field of what the file imports.";
        Field<NonNullGraphType<StringGraphType>>("field").Description(
            $"The field. Events: {string.Join(", ", EventFileMapping.MappableFields)}. Users: {string.Join(", ", ColumnMapping.UserFields)}. Items: {string.Join(", ", ColumnMapping.ItemFields)}.");
        Field<NonNullGraphType<StringGraphType>>("column").Description("The column name, as in the header.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new FieldColumn((string)value.Get("field")!, (string)value.Get("column")!);
}
