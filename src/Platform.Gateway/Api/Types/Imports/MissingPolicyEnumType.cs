using GraphQL.Types;
using Platform.Domain.Imports;

namespace Platform.Gateway.Api.Types.Imports;

public sealed class MissingPolicyEnumType : EnumerationGraphType
{
    public MissingPolicyEnumType()
    {
        Name = "MissingPolicy";
        Description = "What an import does with an empty cell.";
        Add("LEAVE", MissingPolicy.Leave, "Leave the field unset; an empty required field rejects the row. The default.");
        Add("DROP", MissingPolicy.Drop, "Skip the row; it is counted as dropped.");
        Add("DEFAULT", MissingPolicy.Default, "Use the column's default.");
        Add("IMPUTE", MissingPolicy.Impute, "Use the column's mean in the file (the most frequent value for text).");
    }
}
