using GraphQL.Types;
using Platform.Domain.Audiences;
using Platform.Domain.Decisions;
using Platform.Gateway.Api.Types.Recommendations;

namespace Platform.Gateway.Api.Arguments;

public sealed class UpliftAudienceInputType : InputObjectGraphType<UpliftSelection>
{
    public UpliftAudienceInputType()
    {
        Name = "UpliftAudienceInput";
        Description = "The users the ACTIVE uplift model picks for a design (docs/audiences.md#uplift-audiences).";
        Field<NonNullGraphType<TargetingKindEnumType>>("keep").Description("POSITIVE_MARGIN (expected incremental margin above 0), TOP_PERCENT (the highest percent by it) or TOP_UPLIFT_PERCENT (the highest percent by predicted conversion uplift).");
        Field<FloatGraphType>("percent").Description("With TOP_PERCENT or TOP_UPLIFT_PERCENT: the share kept, in (0, 100].");
        Field<IdGraphType>("campaignId")
            .Description("The saved campaign whose design picks the users; left out inside a design or a forecast (that design picks), required elsewhere.");
        Field<AudienceInputType>("among").Description("Whom to pick from (default: every user); not itself an uplift audience.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new UpliftSelection(
        (TargetingKind)value.Get("keep")!, value.Get("percent") as double?, value.Get("campaignId")?.ToString(), value.Get("among") as Audience);
}
