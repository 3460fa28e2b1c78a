using GraphQL.Types;
using Platform.Domain.Imports;

namespace Platform.Gateway.Api.Arguments;

public sealed class ColumnMappingInputType : InputObjectGraphType<ColumnMapping>
{
    public ColumnMappingInputType()
    {
        Name = "ColumnMappingInput";
        Description = "How a users or items file names its columns (docs/imports.md#users-and-items-files-in-other-shapes).";
        Field<ListGraphType<NonNullGraphType<FieldColumnInputType>>>("fields")
            .Description("The file's column of each field it names differently (customer_id for id); other columns are read by their own names.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new ColumnMapping(value.GetList<FieldColumn>("fields"));
}
