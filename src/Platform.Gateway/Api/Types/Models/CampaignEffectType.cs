using GraphQL.Types;
using Platform.Domain.Modeling;

namespace Platform.Gateway.Api.Types.Models;

public sealed class CampaignEffectType : ObjectGraphType<CampaignEffect>
{
    public CampaignEffectType()
    {
        Name = "CampaignEffectCheck";
        Description = "One campaign's effect on its held-out users: the observed conversion lift beside the model's predicted average lift with its intervals (ensemble spread and sampling error).";
        Field(e => e.CampaignId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The campaign (live or imported).");
        Field(e => e.Treated).Description("Held-out treated users.");
        Field(e => e.Control).Description("Held-out control users.");
        Field(e => e.ObservedLift).Description("Treated minus control conversion rate.");
        Field(e => e.ObservedStandardError).Description("Its standard error.");
        Field(e => e.PredictedLift).Description("The model's mean predicted lift over the same users.");
        Field(e => e.Low80).Description("Lower end of the 80% interval.");
        Field(e => e.High80).Description("Upper end of the 80% interval.");
        Field(e => e.Low95).Description("Lower end of the 95% interval.");
        Field(e => e.High95).Description("Upper end of the 95% interval.");
        Field(e => e.Covered95).Description("Whether the observed lift lies in the 95% interval.");
        Field<FloatGraphType>("observedRevenueLift").Description("Treated minus control revenue per user; null without amounts.").Resolve(ctx => Finite.OrNull(ctx.Source.ObservedRevenueLift));
        Field<FloatGraphType>("predictedRevenueLift").Description("The model's predicted revenue lift per user.").Resolve(ctx => Finite.OrNull(ctx.Source.PredictedRevenueLift));
        Field<FloatGraphType>("revenueLow95").Description("Lower end of its 95% interval.").Resolve(ctx => Finite.OrNull(ctx.Source.RevenueLow95));
        Field<FloatGraphType>("revenueHigh95").Description("Upper end of its 95% interval.").Resolve(ctx => Finite.OrNull(ctx.Source.RevenueHigh95));
    }
}
