using GraphQL.Types;
using Platform.Domain.Audiences;

namespace Platform.Gateway.GraphQL.Arguments;

public sealed class AudienceInputType : InputObjectGraphType<Audience>
{
    public AudienceInputType()
    {
        Name = "AudienceInput";
        Description = "Who: exactly one of all shoppers, listed ids, shoppers with any of some tags, or a rule.";
        Field<BooleanGraphType>("all").Description("Every shopper of the tenant.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("userIds").Description("These shoppers (at most 10000).");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags").Description("Shoppers with any of these tags (from upsertUsers or imports).");
        Field<AudienceRuleInputType>("rule").Description("Shoppers the rule holds for.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new Audience(
        value.Get("all") is true,
        (value.Get("userIds") as IEnumerable<object?>)?.Select(v => v?.ToString() ?? "").ToList(),
        value.GetList<string>("tags"),
        value.Get("rule") as AudienceRule);
}
