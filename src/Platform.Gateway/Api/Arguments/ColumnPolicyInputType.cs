using GraphQL.Types;
using Platform.Domain.Imports;
using Platform.Gateway.Api.Types.Imports;

namespace Platform.Gateway.Api.Arguments;

public sealed class ColumnPolicyInputType : InputObjectGraphType<ColumnPolicy>
{
    public ColumnPolicyInputType()
    {
        Name = "ColumnPolicyInput";
        Description = "The missing-value policy of one column.";
        Field<NonNullGraphType<StringGraphType>>("column").Description("The column name, as in the header.");
        Field<NonNullGraphType<MissingPolicyEnumType>>("missing").Description("What to do with an empty cell.");
        Field<StringGraphType>("default").Description("The value DEFAULT uses.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) =>
        new ColumnPolicy((string)value.Get("column")!, (MissingPolicy)value.Get("missing")!, value.Get("default") as string);
}
