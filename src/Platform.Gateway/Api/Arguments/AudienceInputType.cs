using GraphQL.Types;
using Platform.Domain.Audiences;

namespace Platform.Gateway.Api.Arguments;

public sealed class AudienceInputType : InputObjectGraphType<Audience>
{
    public AudienceInputType()
    {
        Name = "AudienceInput";
        Description = "Who: exactly one of all users, listed ids, users with any of some tags, a rule, or the users an uplift model picks.";
        Field<BooleanGraphType>("all").Description("Every user of the tenant.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("userIds").Description("These users (at most 10000).");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags").Description("Users with any of these tags (from upsertUsers or imports).");
        Field<AudienceRuleInputType>("rule").Description("Users the rule holds for.");
        Field<UpliftAudienceInputType>("uplift").Description("Users the ACTIVE uplift model picks for a design: those worth targeting.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new Audience(
        value.Get("all") is true,
        (value.Get("userIds") as IEnumerable<object?>)?.Select(v => v?.ToString() ?? "").ToList(),
        value.GetList<string>("tags"),
        value.Get("rule") as AudienceRule,
        value.Get("uplift") as UpliftSelection);
}
