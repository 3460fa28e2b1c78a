using GraphQL.Types;
using Platform.Domain.Campaigns;
using Platform.Gateway.Subscriptions;
using Platform.Storage.Campaigns;

namespace Platform.Gateway.Api.Types.Campaigns;

public sealed class CampaignKpiUpdateType : ObjectGraphType<CampaignKpiMessage>
{
    public CampaignKpiUpdateType()
    {
        Name = "CampaignKpiUpdate";
        Description = "A campaign's KPIs as they stand now (cumulative) and what grew since the previous update of this subscription.";
        Field<NonNullGraphType<IdGraphType>>("campaignId").Description("The campaign.").Resolve(ctx => ctx.Source.Update.CampaignId);
        Field<NonNullGraphType<CampaignStatusEnumType>>("status").Description("Its status.").Resolve(ctx => ctx.Source.Update.Status);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Description("When the KPIs were computed.").Resolve(ctx => ctx.Source.Update.At);
        Field<NonNullGraphType<CampaignKpisType>>("kpis").Description("Cumulative KPIs.").Resolve(ctx => ctx.Source.Update.Kpis);
        Field<NonNullGraphType<KpiDeltasType>>("deltas").Description("Growth since the previous update (the first update counts everything).").Resolve(ctx => ctx.Source.Deltas);
        Field<Recommendations.TrackingAlertType>("alert").Description("Set on the update at which the campaign is found outside its launch forecast (once per run of hours; docs/forecasts.md#alerts); null otherwise.").Resolve(ctx => ctx.Source.Update.Alert);
    }
}

public sealed class KpiDeltasType : ObjectGraphType<KpiDeltas>
{
    public KpiDeltasType()
    {
        Name = "KpiDeltas";
        Description = "How much counters grew since the previous update.";
        Field(d => d.Reach).Description("New treatment users reached.");
        Field(d => d.Exposures).Description("New exposures.");
        Field(d => d.Participants).Description("New participants.");
        Field(d => d.Redemptions).Description("New redemptions.");
        Field(d => d.Conversions).Description("New converting treatment users.");
        Field(d => d.Orders).Description("New attributed orders.");
        Field(d => d.Gmv).Description("New attributed GMV.");
        Field(d => d.DiscountCost).Description("New discount cost.");
        Field(d => d.HoldoutLeaks).Description("New holdout leaks.");
        Field(d => d.TreatmentUsers).Description("New enrolled treatment users.");
        Field(d => d.ControlUsers).Description("New enrolled control users.");
        Field("treatmentShoppers", d => d.TreatmentUsers).Description("New enrolled treatment users.").DeprecationReason("Renamed to treatmentUsers.");
        Field("controlShoppers", d => d.ControlUsers).Description("New enrolled control users.").DeprecationReason("Renamed to controlUsers.");
    }
}

public sealed class KpiHistoryPointType : ObjectGraphType<KpiHistoryPoint>
{
    public KpiHistoryPointType()
    {
        Name = "KpiHistoryPoint";
        Description = "A campaign's KPIs as they stood at the end of an hour (its last update in that hour).";
        Field(p => p.At).Description("The start of the hour (UTC) whose last update these KPIs are.");
        Field("hour", p => p.At).Description("The start of the hour (UTC).").DeprecationReason("Renamed to at, as in CampaignKpiUpdate.");
        Field<NonNullGraphType<CampaignKpisType>>("kpis").Description("The KPIs then.").Resolve(ctx => ctx.Source.Kpis);
    }
}
