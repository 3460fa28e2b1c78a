using GraphQL.Types;
using Platform.Domain.Decisions;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Operations;
using Platform.Storage.Campaigns;

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

public sealed class TrackingStatusEnumType : EnumerationGraphType
{
    public TrackingStatusEnumType()
    {
        Name = "TrackingStatus";
        Description = "Where the measured conversion-rate lift stands against the forecast's 95% band at an hour.";
        Add("INSIDE", TrackingStatus.Inside, "The measured interval overlaps the band.");
        Add("ABOVE", TrackingStatus.Above, "Wholly above it: better than forecast.");
        Add("BELOW", TrackingStatus.Below, "Wholly below it: worse than forecast.");
        Add("NO_DATA", TrackingStatus.NoData, "Not measurable yet: a side has fewer than 2 users, or no outcome varies yet.");
    }
}

public sealed class TrackingPointType : ObjectGraphType<TrackingPoint>
{
    public TrackingPointType()
    {
        Name = "TrackingPoint";
        Description = "One hour of a campaign against its launch forecast.";
        Field(p => p.At).Description("The end of the hour (now, for the current one).");
        Field<Campaigns.EstimateType>("actual").Description("The measured conversion-rate lift among enrolled users with its 95% interval (the KPIs' conversionRateLift); null before both sides have 2 users.").Resolve(ctx => ctx.Source.Actual);
        Field<NonNullGraphType<ForecastFigureType>>("expected").Description("The lift per treated user the launch forecast expects by then (docs/forecasts.md#forecast-against-actual).").Resolve(ctx => ctx.Source.Expected);
        Field<NonNullGraphType<TrackingStatusEnumType>>("status").Description("Actual against the expected 95% band.").Resolve(ctx => ctx.Source.Status);
    }
}

public sealed class TrackingAlertType : ObjectGraphType<TrackingAlert>
{
    public TrackingAlertType()
    {
        Name = "TrackingAlert";
        Description = $"A campaign whose measured lift has been outside its launch forecast's 95% band for {ForecastTracking.AlertAfterHours} or more hours with KPI updates (docs/forecasts.md#alerts).";
        Field(a => a.Since).Description("The `at` (end) of the first hour of the run outside the band.");
        Field<NonNullGraphType<TrackingStatusEnumType>>("direction").Description("ABOVE (better than forecast) or BELOW (worse), as the latest hour lies.").Resolve(ctx => ctx.Source.Direction);
        Field(a => a.Hours).Description("Hours in the run so far.");
        Field<Campaigns.EstimateType>("actual").Description("The latest hour's measured conversion-rate lift with its 95% interval.").Resolve(ctx => ctx.Source.Actual);
        Field<NonNullGraphType<ForecastFigureType>>("expected").Description("What the launch forecast expects of it by then.").Resolve(ctx => ctx.Source.Expected);
    }
}

public sealed class CampaignTrackingType : ObjectGraphType<CampaignTracking>
{
    public CampaignTrackingType()
    {
        Name = "CampaignTracking";
        Description = "A campaign's measured conversion-rate lift, hour by hour, against the forecast it was launched with.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrackingPointType>>>>("points").Description("The hours with KPI updates of the latest 7 days since the start, oldest first.")
            .Resolve(ctx => ctx.Source.Points).FieldType.ListOf(24 * CampaignTrackingReader.Days);
        Field(t => t.Alert).Description($"True when the latest {ForecastTracking.AlertAfterHours} or more hours with KPI updates all lie outside the 95% band.");
        Field(t => t.AlertSince, nullable: true).Description("The `at` (end) of the first hour of that run; null without an alert.");
    }
}
