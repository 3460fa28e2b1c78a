using GraphQL.Types;
using Platform.Domain.Audiences;

namespace Platform.Gateway.Api.Types.Audiences;

public sealed class RuleOperatorEnumType : EnumerationGraphType
{
    public RuleOperatorEnumType()
    {
        Name = "RuleOperator";
        Description = "Comparisons of audience rules. A missing value satisfies none of them.";
        Add("EQ", RuleOperator.Eq, "Equal.");
        Add("NE", RuleOperator.Ne, "Not equal.");
        Add("GT", RuleOperator.Gt, "Greater than.");
        Add("GTE", RuleOperator.Gte, "Greater than or equal.");
        Add("LT", RuleOperator.Lt, "Less than.");
        Add("LTE", RuleOperator.Lte, "Less than or equal.");
        Add("IN", RuleOperator.In, "One of values; for list fields, any element is.");
        Add("CONTAINS", RuleOperator.Contains, "A list field holds value.");
        Add("EXISTS", RuleOperator.Exists, "The field has a value (a list: at least one element).");
    }
}
