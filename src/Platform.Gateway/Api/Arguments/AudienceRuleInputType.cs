using GraphQL.Types;
using Platform.Domain.Audiences;
using Platform.Gateway.Api.Types.Audiences;

namespace Platform.Gateway.Api.Arguments;

public sealed class AudienceRuleInputType : InputObjectGraphType<AudienceRule>
{
    public AudienceRuleInputType()
    {
        Name = "AudienceRuleInput";
        Description = "A filter over users: exactly one of all, any, not, or a field condition (field + op + value/number/values). Fields: docs/audiences.md.";
        Field<ListGraphType<NonNullGraphType<AudienceRuleInputType>>>("all").Description("Every rule holds.");
        Field<ListGraphType<NonNullGraphType<AudienceRuleInputType>>>("any").Description("At least one rule holds.");
        Field<AudienceRuleInputType>("not").Description("The rule does not hold.");
        Field<StringGraphType>("field").Description("e.g. age, region, segment, rfm.r, recencyDays, tags, interestTags, attribute.NAME, counter.PURCHASE.last30Days.");
        Field<RuleOperatorEnumType>("op").Description("The comparison.");
        Field<StringGraphType>("value").Description("Text or date (YYYY-MM-DD) to compare with.");
        Field<FloatGraphType>("number").Description("Number to compare with.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("values").Description("Values for IN.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new AudienceRule(
        value.GetList<AudienceRule>("all"),
        value.GetList<AudienceRule>("any"),
        value.Get("not") as AudienceRule,
        value.Get("field") as string,
        value.Get("op") as RuleOperator?,
        value.Get("value") as string,
        value.Get("number") is { } number ? Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture) : null,
        value.GetList<string>("values"));
}
