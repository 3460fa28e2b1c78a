using GraphQL;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Operations;
using GraphQL.Types;
using Platform.Domain.Campaigns;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Types.Audiences;

namespace Platform.Gateway.Api.Types.Campaigns;

public sealed class CampaignGraphType : ObjectGraphType<Campaign>
{
    private static CampaignService Operations(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<CampaignService>();

    public CampaignGraphType()
    {
        Name = "Campaign";
        Description = "A promotional campaign: its design, and where it is in its life.";
        Field(c => c.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The campaign's id.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("Its name.").Resolve(ctx => ctx.Source.Design.Name);
        Field<NonNullGraphType<CampaignStatusEnumType>>("status").Description("Where it is in its life.").Resolve(ctx => ctx.Source.Status);
        Field<PauseReasonEnumType>("pauseReason").Description("Why it is paused (only while PAUSED).").Resolve(ctx => ctx.Source.PauseReason);
        Field<NonNullGraphType<CampaignSourceEnumType>>("source").Description("Designed here or imported as a past experiment.").Resolve(ctx => ctx.Source.Source);
        Field<NonNullGraphType<CampaignTypeEnumType>>("type").Description("What is offered.").Resolve(ctx => ctx.Source.Design.Type);
        Field<DecimalGraphType>("value").Description("Percent off (PERCENT_OFF, FLASH_SALE, BUNDLE), amount off (AMOUNT_OFF) or multiplier (POINTS_MULTIPLIER).").Resolve(ctx => ctx.Source.Design.Value);
        Field<DecimalGraphType>("minimumSpend").Description("The order value the offer needs, if any.").Resolve(ctx => ctx.Source.Design.MinimumSpend);
        Field<ChannelEnumType>("channel").Description("Where users see it (unknown for some imported experiments).").Resolve(ctx => ctx.Source.Design.Channel);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("categoryIds").Description("Categories in scope; empty = all.").Resolve(ctx => ctx.Source.Design.CategoryIds ?? []);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("itemIds").Description("Items in scope (the bundle's items for BUNDLE); empty = all.").Resolve(ctx => ctx.Source.Design.ItemIds ?? []);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("themeTags").Description("Creative theme tags.").Resolve(ctx => ctx.Source.Design.ThemeTags ?? []);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("startsAt").Description("When it starts.").Resolve(ctx => ctx.Source.Design.StartsAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("endsAt").Description("When it ends.").Resolve(ctx => ctx.Source.Design.EndsAt);
        Field<DecimalGraphType>("budget").Description("The most discount it may give away; none = no limit.").Resolve(ctx => ctx.Source.Design.Budget);
        Field<IntGraphType>("frequencyCapPerDay").Description("The most times a day one user is shown it; none = no cap.").Resolve(ctx => ctx.Source.Design.FrequencyCapPerDay);
        Field<NonNullGraphType<FloatGraphType>>("holdoutShare").Description("The share of the audience kept as a control group that never gets the offer.").Resolve(ctx => ctx.Source.Design.HoldoutShare);
        Field<NonNullGraphType<StringGraphType>>("audience").Description("Who it is for, as JSON in the shape of AudienceInput.").Resolve(ctx => AudienceJson.Serialize(ctx.Source.Design.AudienceOrAll));
        Field<NonNullGraphType<IntGraphType>>("attributionWindowDays").Description("A user's purchases count for the campaign within this many days after its assignment (its first event of the campaign).").Resolve(ctx => ctx.Source.Design.AttributionWindowDays);
        Field<NonNullGraphType<DecimalGraphType>>("costPerContact").Description("What reaching one treated user costs whatever they do (0: nothing counted).").Resolve(ctx => ctx.Source.Design.CostPerContact);
        Field(c => c.CreatedAt).Description("When it was created.");
        Field(c => c.UpdatedAt).Description("When it last changed.");
        Field(c => c.LaunchedAt, nullable: true).Description("When it was launched.");
        Field(c => c.EndedAt, nullable: true).Description("When it ended.");
        Field<NonNullGraphType<CampaignKpisType>>("kpis")
            .Description("KPIs and measured lift so far, from the outcome rows (live campaigns: updated about once a second).")
            .ResolveAsync(async ctx => await Operations(ctx).KpisAsync(ctx.Source, ctx.TenantId(), ctx.CancellationToken))
            .FieldType.Costs(FieldCosts.CampaignAggregate);
        Field<Recommendations.ForecastType>("launchForecast")
            .Description("The forecast the campaign was launched with, from the ACTIVE UPLIFT version then; null when it had none (docs/forecasts.md#forecast-against-actual).")
            .ResolveAsync(async ctx => await Operations(ctx).LaunchForecastAsync(ctx.Source, ctx.TenantId(), ctx.CancellationToken) is { } stored
                ? new ForecastResult(stored.VersionId, stored.Forecast, stored.Drivers, ctx.Source.Design)
                : null)
            .FieldType.Costs(FieldCosts.CampaignAggregate);
        Field<Recommendations.CampaignTrackingType>("tracking")
            .Description("The measured conversion-rate lift hour by hour against the launch forecast, with an alert after Platform:Campaigns:AlertAfterHours (default 3) hours with updates outside its 95% band; null without a launch forecast.")
            .ResolveAsync(async ctx => await Operations(ctx).TrackingAsync(ctx.Source, ctx.TenantId(), ctx.CancellationToken))
            .FieldType.Costs(FieldCosts.CampaignAggregate);
        Field<NonNullGraphType<Measurement.TimeToAnswerType>>("timeToAnswer")
            .Description("How long until the lift of an outcome is known: the smallest lift detectable now, and for an effect (given, else the launch forecast's) the users and days it takes (docs/measurement.md#time-to-an-answer).")
            .Argument<Measurement.LiftMetricEnumType>("metric", "The outcome (default CONVERSION_RATE).")
            .Argument<FloatGraphType>("effect", "The lift per enrolled user to detect, in the outcome's unit (default: the launch forecast's).")
            .ResolveAsync(async ctx => await Operations(ctx).TimeToAnswerAsync(
                ctx.Source, ctx.TenantId(), ctx.GetArgument("metric", Domain.Measurement.LiftMetric.ConversionRate), ctx.GetArgument<double?>("effect"), ctx.CancellationToken))
            .FieldType.Costs(FieldCosts.CampaignAggregate);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KpiHistoryPointType>>>>("kpiHistory")
            .Description("The KPIs at the end of each hour that had updates, oldest first; for charts.")
            .Argument<DateTimeOffsetGraphType>("from", "Start (default: 7 days before `to`).")
            .Argument<DateTimeOffsetGraphType>("to", "End, exclusive (default: the end of this hour); at most 90 days after `from`.")
            .ResolveAsync(async ctx => await Operations(ctx).HistoryAsync(
                ctx.Source, ctx.TenantId(), ctx.GetArgument<DateTimeOffset?>("from"), ctx.GetArgument<DateTimeOffset?>("to"), ctx.CancellationToken))
            .FieldType.SizedByHours("from", "to", CampaignService.DefaultHistoryDays, CampaignService.MaxHistoryDays);
    }
}
