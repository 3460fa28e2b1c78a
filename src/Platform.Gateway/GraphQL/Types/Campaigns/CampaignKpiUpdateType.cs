using GraphQL.Types;
using Platform.Domain.Campaigns;
using Platform.Gateway.Subscriptions;
using Platform.Storage.Campaigns;

namespace Platform.Gateway.GraphQL.Types.Campaigns;

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
    }
}

public sealed class KpiDeltasType : ObjectGraphType<KpiDeltas>
{
    public KpiDeltasType()
    {
        Name = "KpiDeltas";
        Description = "How much counters grew since the previous update.";
        Field(d => d.Reach).Description("New treatment shoppers reached.");
        Field(d => d.Exposures).Description("New exposures.");
        Field(d => d.Participants).Description("New participants.");
        Field(d => d.Redemptions).Description("New redemptions.");
        Field(d => d.Conversions).Description("New converting treatment shoppers.");
        Field(d => d.Orders).Description("New attributed orders.");
        Field(d => d.Gmv).Description("New attributed GMV.");
        Field(d => d.DiscountCost).Description("New discount cost.");
        Field(d => d.HoldoutLeaks).Description("New holdout leaks.");
        Field(d => d.TreatmentShoppers).Description("New enrolled treatment shoppers.");
        Field(d => d.ControlShoppers).Description("New enrolled control shoppers.");
    }
}

public sealed class KpiHistoryPointType : ObjectGraphType<KpiHistoryPoint>
{
    public KpiHistoryPointType()
    {
        Name = "KpiHistoryPoint";
        Description = "A campaign's KPIs as they stood at the end of an hour (its last update in that hour).";
        Field(p => p.Hour).Description("The start of the hour (UTC).");
        Field<NonNullGraphType<CampaignKpisType>>("kpis").Description("The KPIs then.").Resolve(ctx => ctx.Source.Kpis);
    }
}
