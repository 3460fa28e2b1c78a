using GraphQL.Types;
using Platform.Domain.Decisions;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Operations;

namespace Platform.Gateway.Api.Types.Recommendations;

public sealed class ForecastFigureType : ObjectGraphType<ForecastFigure>
{
    public ForecastFigureType()
    {
        Name = "ForecastFigure";
        Description = "A forecast quantity with its 80% and 95% intervals (model spread plus the users' own chance; docs/forecasts.md#intervals).";
        Field(f => f.Value).Description("The point estimate.");
        Field(f => f.Low80).Description("Lower end of the 80% interval.");
        Field(f => f.High80).Description("Upper end of the 80% interval.");
        Field(f => f.Low95).Description("Lower end of the 95% interval.");
        Field(f => f.High95).Description("Upper end of the 95% interval.");
    }
}

public sealed class ForecastGroupType : ObjectGraphType<ForecastGroup>
{
    public ForecastGroupType()
    {
        Name = "ForecastSegment";
        Description = "The part of a forecast that comes from one RFM segment of the audience.";
        Field(g => g.Name).Description("The RFM segment (none: users without events).");
        Field(g => g.Users).Description("Users of the audience in the segment.");
        Field<NonNullGraphType<ForecastFigureType>>("incrementalConversions").Description("Purchases the offer adds in the segment.").Resolve(ctx => ctx.Source.IncrementalConversions);
        Field<NonNullGraphType<ForecastFigureType>>("incrementalGmv").Description("Revenue the offer adds in the segment.").Resolve(ctx => ctx.Source.IncrementalGmv);
        Field<NonNullGraphType<ForecastFigureType>>("incrementalMargin").Description("incrementalGmv × marginRate − discount cost, in the segment.").Resolve(ctx => ctx.Source.IncrementalMargin);
    }
}

public sealed class ForecastType : ObjectGraphType<ForecastResult>
{
    public ForecastType()
    {
        Name = "Forecast";
        Description = "What a campaign design is expected to do with an audience over its attribution window (docs/forecasts.md).";
        Field<NonNullGraphType<IdGraphType>>("modelVersionId").Description("The ACTIVE UPLIFT version that made the forecast.").Resolve(ctx => ctx.Source.ModelVersionId);
        Field<NonNullGraphType<LongGraphType>>("audienceUsers").Description("Users in the audience.").Resolve(ctx => ctx.Source.Forecast.AudienceUsers);
        Field<NonNullGraphType<FloatGraphType>>("treatedUsers").Description("Users expected to be reached: the audience less the holdout share, times budgetShare.").Resolve(ctx => ctx.Source.Forecast.TreatedUsers);
        Figure("participants", "Treated users expected to take part (click, claim).", f => f.Participants);
        Figure("conversions", "Treated users expected to buy in the window.", f => f.Conversions);
        Figure("gmv", "Revenue of the treated users in the window.", f => f.Gmv);
        Figure("incrementalConversions", "Purchases the offer adds: treated users' chance to buy with it − without it.", f => f.IncrementalConversions);
        Figure("incrementalGmv", "Revenue the offer adds over not running it.", f => f.IncrementalGmv);
        Figure("discountCost", "Expected discounts (every purchase made with the offer assumed to redeem it).", f => f.DiscountCost);
        Figure("incrementalMargin", "incrementalGmv × the tenant's marginRate − discountCost.", f => f.IncrementalMargin);
        Field<ForecastFigureType>("roi").Description("(incrementalGmv − discountCost) ÷ discountCost, as the campaign KPIs define it; null when the design costs nothing. Its interval is incrementalGmv's with the cost at its point.").Resolve(ctx => ctx.Source.Forecast.Roi);
        Field<NonNullGraphType<FloatGraphType>>("budgetShare").Description("The share of the campaign the budget pays for: 1, or budget ÷ expected discount cost when that is more. Every treated figure is scaled by it.").Resolve(ctx => ctx.Source.Forecast.BudgetShare);
        Field<DateTimeOffsetGraphType>("budgetRunsOutAt").Description("When the budget is expected to be spent (startsAt + budgetShare × duration); null when it lasts.").Resolve(ctx => ctx.Source.Forecast.BudgetRunsOutAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ForecastGroupType>>>>("segments").Description("The incremental figures by RFM segment, largest first.").Resolve(ctx => ctx.Source.Forecast.Segments).FieldType.ListOf(12);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("drivers").Description("The features that move the incremental margin most across the audience, in plain words.").Resolve(ctx => ctx.Source.Drivers).FieldType.ListOf(3);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("warnings").Description("Ways the design lies outside what the model learned from; the model spread is then doubled.").Resolve(ctx => ctx.Source.Forecast.Warnings).FieldType.ListOf(3);
    }

    private void Figure(string name, string description, Func<CampaignForecast, ForecastFigure> of) =>
        Field<NonNullGraphType<ForecastFigureType>>(name).Description(description).Resolve(ctx => of(ctx.Source.Forecast));
}
