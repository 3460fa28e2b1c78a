using GraphQL.Types;
using Platform.Storage.Imports;

namespace Platform.Gateway.Api.Types.Imports;

public sealed class RowRejectionType : ObjectGraphType<RowRejection>
{
    public RowRejectionType()
    {
        Name = "RowRejection";
        Description = "A rule a row of an import broke.";
        Field(r => r.Line).Description("The line in the file (the header is line 1).");
        Field(r => r.Field).Description("The column or field.");
        Field(r => r.Rule).Description("Stable rule code.");
        Field(r => r.Message).Description("The rule in words.");
    }
}
