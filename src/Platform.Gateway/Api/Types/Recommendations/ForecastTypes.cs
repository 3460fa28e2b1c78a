using GraphQL.Types;
using Platform.Domain.Decisions;
using Platform.Domain.Measurement;
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
        Field<NonNullGraphType<ForecastFigureType>>("incrementalMargin").Description("incrementalGmv × marginRate − discount cost − contact cost, in the segment.").Resolve(ctx => ctx.Source.IncrementalMargin);
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
        Field<ForecastFigureType>("orders").Description("Orders the treated users are expected to place in the window: conversions × the orders a converting training user of the version placed on average, its interval scaled alike; null in a launch forecast stored before orders were forecast.").Resolve(ctx => ctx.Source.Forecast.Orders);
        Figure("gmv", "Revenue of the treated users in the window.", f => f.Gmv);
        Figure("incrementalConversions", "Purchases the offer adds: treated users' chance to buy with it − without it.", f => f.IncrementalConversions);
        Figure("incrementalGmv", "Revenue the offer adds over not running it.", f => f.IncrementalGmv);
        Figure("discountCost", "Expected discounts (every purchase made with the offer assumed to redeem it).", f => f.DiscountCost);
        Field<ForecastFigureType>("contactCost").Description("What reaching the treated users costs: treatedUsers × the design's costPerContact (no spread of its own); null in a launch forecast stored before it was forecast.").Resolve(ctx => ctx.Source.Forecast.ContactCost);
        Figure("incrementalMargin", "incrementalGmv × the tenant's marginRate − discountCost − contactCost.", f => f.IncrementalMargin);
        Field<ForecastFigureType>("roi").Description("(incrementalGmv − cost) ÷ cost with cost = discountCost + contactCost, as the campaign KPIs define it; null when the design costs nothing or the ACTIVE version has no order values. Its interval is incrementalGmv's with the cost at its point.").Resolve(ctx => ctx.Source.Forecast.Roi);
        Field<NonNullGraphType<FloatGraphType>>("budgetShare").Description("The share of the campaign the budget pays for: 1, or budget ÷ expected discount cost when that is more. Every treated figure is scaled by it.").Resolve(ctx => ctx.Source.Forecast.BudgetShare);
        Field<DateTimeOffsetGraphType>("budgetRunsOutAt").Description("When the budget is expected to be spent (startsAt + budgetShare × duration); null when it lasts.").Resolve(ctx => ctx.Source.Forecast.BudgetRunsOutAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ForecastGroupType>>>>("segments").Description("The incremental figures by RFM segment, largest first.").Resolve(ctx => ctx.Source.Forecast.Segments).FieldType.ListOf(12);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("drivers").Description("The features that move the incremental margin most across the audience, in plain words.").Resolve(ctx => ctx.Source.Drivers).FieldType.ListOf(3);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("warnings").Description("Ways the design lies outside what the model learned from; the model spread is then doubled.").Resolve(ctx => ctx.Source.Forecast.Warnings).FieldType.ListOf(3);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Measurement.HoldoutPlanType>>>>("holdoutPlans")
            .Description("For holdout shares of 5% to 50% (and the design's own): the users and days needed to detect the forecast conversion-rate lift (docs/measurement.md#before-launch-how-big-a-holdout); empty when the forecast treats nobody.")
            .Resolve(ctx => HoldoutPlan.For(ctx.Source.Design, ctx.Source.Forecast)).FieldType.ListOf(HoldoutPlan.Shares.Length + 1);
    }

    private void Figure(string name, string description, Func<CampaignForecast, ForecastFigure> of) =>
        Field<NonNullGraphType<ForecastFigureType>>(name).Description(description).Resolve(ctx => of(ctx.Source.Forecast));
}

public sealed class TrackingStatusEnumType : EnumerationGraphType
{
    public TrackingStatusEnumType()
    {
        Name = "TrackingStatus";
        Description = "Where a measured figure stands against the forecast's 95% band at an hour.";
        Add("INSIDE", TrackingStatus.Inside, "The measured interval overlaps the band.");
        Add("ABOVE", TrackingStatus.Above, "Wholly above it: better than forecast.");
        Add("BELOW", TrackingStatus.Below, "Wholly below it: worse than forecast.");
        Add("NO_DATA", TrackingStatus.NoData, "Not measurable yet: too few users (30 a side for a lift, 30 treated users for the treated side's rates and cost; 2 a side in hours recorded before always-valid intervals), or no outcome of a lift varies yet (nobody, or everybody, bought).");
    }
}

public sealed class TrackedFigureType : ObjectGraphType<TrackedFigure>
{
    public TrackedFigureType()
    {
        Name = "TrackedFigure";
        Description = "A figure per treated user at one hour against what the launch forecast expects of it by then.";
        Field<Campaigns.EstimateType>("actual").Description("As measured, with its always-valid 95% interval; null while there are too few users to measure it on (30 a side for a lift, 30 treated users for the treated side's rates and cost) and for cost before the first redemption.").Resolve(ctx => ctx.Source.Actual);
        Field<NonNullGraphType<ForecastFigureType>>("expected").Description("What the launch forecast expects per treated user by then.").Resolve(ctx => ctx.Source.Expected);
        Field<NonNullGraphType<TrackingStatusEnumType>>("status").Description("Actual against the expected 95% band.").Resolve(ctx => ctx.Source.Status);
    }
}

public sealed class TrackingPointType : ObjectGraphType<TrackingPoint>
{
    public TrackingPointType()
    {
        Name = "TrackingPoint";
        Description = "One hour of a campaign against its launch forecast.";
        Field(p => p.At).Description("The end of the hour (now, for the current one).");
        Field<Campaigns.EstimateType>("actual").Description("The measured conversion-rate lift among enrolled users with its always-valid 95% interval (the KPIs' measurement); null while a side has fewer than 30 users (2, with the fixed-horizon interval, in hours recorded before always-valid intervals).").Resolve(ctx => ctx.Source.Actual);
        Field<NonNullGraphType<ForecastFigureType>>("expected").Description("The lift per treated user the launch forecast expects by then (docs/forecasts.md#forecast-against-actual).").Resolve(ctx => ctx.Source.Expected);
        Field<NonNullGraphType<TrackingStatusEnumType>>("status").Description("Actual against the expected 95% band.").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<TrackedFigureType>>("revenue")
            .Description("The revenue-per-user lift (always-valid: kpis.measurement.revenuePerUser) against the forecast's incremental GMV per treated user; it does not alert.")
            .Resolve(ctx => ctx.Source.Revenue);
        Field<NonNullGraphType<TrackedFigureType>>("conversionRate")
            .Description("The treated users' conversion rate (kpis.treatment.conversionRate: buyers in their window ÷ enrolled treated users) against the forecast's conversions per treated user; it does not alert.")
            .Resolve(ctx => ctx.Source.ConversionRate);
        Field<NonNullGraphType<TrackedFigureType>>("participation")
            .Description("The KPIs' participationRate (participants ÷ enrolled treated users) against the forecast's participants per treated user, whole from the first hour (users take part when the offer reaches them); it does not alert.")
            .Resolve(ctx => ctx.Source.Participation);
        Field<NonNullGraphType<TrackedFigureType>>("discountCost")
            .Description("The KPIs' discountCost ÷ enrolled treated users against the forecast's discount cost per treated user; null before the first redemption; it does not alert.")
            .Resolve(ctx => ctx.Source.DiscountCost);
    }
}

public sealed class TrackingAlertType : ObjectGraphType<TrackingAlert>
{
    public TrackingAlertType()
    {
        Name = "TrackingAlert";
        Description = "A campaign whose measured lift has been outside its launch forecast's 95% band for the configured number of hours with KPI updates or more (Platform:Campaigns:AlertAfterHours, default 3; docs/forecasts.md#alerts).";
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
        Description = "A campaign's measured conversion-rate lift, revenue per user, conversion rate, participation and discount cost, hour by hour, against the forecast it was launched with.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrackingPointType>>>>("points").Description("The hours with KPI updates of the latest 7 days since the start, oldest first.")
            .Resolve(ctx => ctx.Source.Points).FieldType.ListOfComputed(24 * CampaignTrackingReader.Days);
        Field(t => t.Alert).Description("True when the latest hours with KPI updates, as many as configured or more (Platform:Campaigns:AlertAfterHours, default 3), all lie outside the 95% band.");
        Field(t => t.AlertSince, nullable: true).Description("The `at` (end) of the first hour of that run; null without an alert.");
    }
}

public sealed class BacktestFigureType : ObjectGraphType<BacktestFigure>
{
    public BacktestFigureType()
    {
        Name = "BacktestFigure";
        Description = "A lift per treated user: the launch forecast's (whole attribution window) against the holdout's measurement.";
        Field<NonNullGraphType<ForecastFigureType>>("forecast").Description("What the launch forecast expected, with its 80% and 95% intervals.").Resolve(ctx => ctx.Source.Forecast);
        Field<Campaigns.EstimateType>("actual").Description("What the holdout measured, with its 95% interval; null before both sides have 2 users.").Resolve(ctx => ctx.Source.Actual);
        Field(f => f.Error, nullable: true).Description("forecast − actual; null without a measurement.");
        Field(f => f.Inside80, nullable: true).Description("Whether |error| ≤ 1.28·√(σ_f² + σ_m²), σ_f and σ_m the forecast's and the measurement's standard errors: the forecast's 80% interval widened by the holdout's own noise (docs/forecasts.md#back-tests).");
        Field(f => f.Inside95, nullable: true).Description("The same at 95%: |error| ≤ 1.96·√(σ_f² + σ_m²).");
    }
}

public sealed class CampaignBacktestType : ObjectGraphType<CampaignBacktest>
{
    public CampaignBacktestType()
    {
        Name = "CampaignBacktest";
        Description = "An ended campaign with a holdout against the forecast it was launched with.";
        Field<NonNullGraphType<IdGraphType>>("campaignId").Description("The campaign.").Resolve(ctx => ctx.Source.CampaignId);
        Field(b => b.Name).Description("Its name.");
        Field(b => b.EndedAt).Description("When it ended.");
        Field(b => b.Complete).Description("Whether the last attribution window has closed (endedAt + attributionWindowDays); only complete ones count in the summary.");
        Field(b => b.TreatedUsers).Description("Users enrolled on the treatment side.");
        Field(b => b.ControlUsers).Description("Users enrolled in the holdout.");
        Field<NonNullGraphType<BacktestFigureType>>("conversionRateLift").Description("Incremental conversions per treated user.").Resolve(ctx => ctx.Source.ConversionRateLift);
        Field<NonNullGraphType<BacktestFigureType>>("revenuePerUserLift").Description("Incremental GMV per treated user.").Resolve(ctx => ctx.Source.RevenuePerUserLift);
        Field<NonNullGraphType<BacktestFigureType>>("incrementalMarginPerUser")
            .Description("Incremental margin per treated user: the forecast's against the revenue-per-user lift × the tenant's margin rate now − the discount and contact cost per treated user (its interval the revenue lift's).")
            .Resolve(ctx => ctx.Source.IncrementalMarginPerUser);
    }
}

public sealed class ModelBacktestType : ObjectGraphType<ModelBacktest>
{
    public ModelBacktestType()
    {
        Name = "ModelBacktest";
        Description = "An UPLIFT version's launch forecasts against what the holdouts of the ended campaigns measured (docs/forecasts.md#back-tests).";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CampaignBacktestType>>>>("campaigns")
            .Description($"The ended campaigns with a holdout the version forecast at launch, latest ended first (at most {BacktestService.MaxCampaigns}).")
            .Resolve(ctx => ctx.Source.Campaigns).FieldType.ListOf(BacktestService.MaxCampaigns);
        Field("measured", b => b.Conversion.Measured).Description("Complete campaigns whose conversion lift is measured: what the conversion figures below are over (the revenue and margin ones are over those whose revenue lift is).");
        Field("conversionCoverage80", b => b.Conversion.Coverage80, nullable: true).Description("Share of them whose conversion-rate lift is inside80; null without any.");
        Field("conversionCoverage95", b => b.Conversion.Coverage95, nullable: true).Description("Share inside95.");
        Field("conversionMeanAbsoluteError", b => b.Conversion.MeanAbsoluteError, nullable: true).Description("Mean |forecast − actual| of the conversion lift per treated user.");
        Field("revenueCoverage80", b => b.Revenue.Coverage80, nullable: true).Description("Share whose revenue-per-user lift is inside80.");
        Field("revenueCoverage95", b => b.Revenue.Coverage95, nullable: true).Description("Share whose revenue-per-user lift is inside95.");
        Field("revenueMeanAbsoluteError", b => b.Revenue.MeanAbsoluteError, nullable: true).Description("Mean |forecast − actual| of the revenue lift per treated user.");
        Field("marginCoverage80", b => b.Margin.Coverage80, nullable: true).Description("Share whose incremental margin per treated user is inside80.");
        Field("marginCoverage95", b => b.Margin.Coverage95, nullable: true).Description("Share inside95.");
        Field("marginMeanAbsoluteError", b => b.Margin.MeanAbsoluteError, nullable: true).Description("Mean |forecast − actual| of the incremental margin per treated user.");
    }
}
