using GraphQL.Types;
using Platform.Gateway.Api.Limits;
using Platform.Domain.Campaigns;
using Platform.Gateway.Api.Types.Measurement;

namespace Platform.Gateway.Api.Types.Campaigns;

public sealed class CampaignKpisType : ObjectGraphType<CampaignKpis>
{
    public CampaignKpisType()
    {
        Name = "CampaignKpis";
        Description = "A campaign's KPIs so far (docs/campaigns.md#kpis): treatment activity, both sides' outcomes, and the lift the holdout measures.";
        Field(k => k.Reach).Description("Treatment users with at least one exposure.");
        Field(k => k.Exposures).Description("Exposures of treatment users.");
        Field(k => k.Participants).Description("Treatment users who clicked or claimed.");
        Field(k => k.ParticipationRate, nullable: true).Description("Participants per enrolled treatment user.");
        Field(k => k.ParticipationsPerParticipant, nullable: true).Description("Clicks and claims per participant (depth).");
        Field(k => k.EngagementSecondsPerParticipant, nullable: true).Description("Seconds spent with the campaign (durationSeconds of its events) per participant.");
        Field(k => k.Redemptions).Description("Coupon redemptions by treatment users counted against the budget.");
        Field(k => k.RedemptionsOverBudget).Description("Redemptions refused because the budget was spent: not counted, no cost.");
        Field(k => k.Conversions).Description("Treatment users with at least one purchase attributed to the campaign.");
        Field(k => k.Orders).Description("Purchases attributed to the campaign.");
        Field(k => k.Gmv).Description("Amount of the attributed purchases.");
        Field(k => k.AverageOrderValue, nullable: true).Description("GMV per attributed order.");
        Field(k => k.DiscountCost).Description("Discount given with redemptions.");
        Field(k => k.ContactCost).Description("Treatment users × the design's costPerContact (0 without one).");
        Field(k => k.BudgetLeft, nullable: true).Description("Budget minus discount cost; null when the campaign has no budget.");
        Field(k => k.Satisfaction, nullable: true).Description("Mean rating of reviews of items bought in attributed orders.");
        Field(k => k.HoldoutLeaks).Description("Clicks, claims and redemptions by control users: the offer reached users it should not have.");
        Field<NonNullGraphType<ArmOutcomesType>>("treatment").Description("Outcomes of the treatment side.").Resolve(ctx => ctx.Source.Treatment);
        Field<NonNullGraphType<ArmOutcomesType>>("control").Description("Outcomes of the control (holdout) side.").Resolve(ctx => ctx.Source.Control);
        Field<EstimateType>("conversionRateLift").Description("Treatment minus control conversion rate, with its 95% interval (difference of proportions).").Resolve(ctx => ctx.Source.ConversionRateLift);
        Field<EstimateType>("purchasesPerUserLift").Description("Treatment minus control purchases per user, with its 95% interval (difference of means).").Resolve(ctx => ctx.Source.PurchasesPerUserLift);
        Field<EstimateType>("revenuePerUserLift").Description("Incremental revenue per treated user, with its 95% interval (difference of means).").Resolve(ctx => ctx.Source.RevenuePerUserLift);
        Field<EstimateType>("purchasesPerShopperLift").Description("Treatment minus control purchases per user.").DeprecationReason("Renamed to purchasesPerUserLift.").Resolve(ctx => ctx.Source.PurchasesPerUserLift);
        Field<EstimateType>("revenuePerShopperLift").Description("Incremental revenue per treated user.").DeprecationReason("Renamed to revenuePerUserLift.").Resolve(ctx => ctx.Source.RevenuePerUserLift);
        Field<EstimateType>("incrementalConversions").Description("Purchases the campaign added: purchases-per-user lift × treatment users.").Resolve(ctx => ctx.Source.IncrementalConversions);
        Field<EstimateType>("incrementalRevenue").Description("Revenue the campaign added: revenue-per-user lift × treatment users.").Resolve(ctx => ctx.Source.IncrementalRevenue);
        Field(k => k.Roi, nullable: true).Description("(incremental revenue − cost) ÷ cost with cost = discount cost + contact cost; null while the campaign has cost nothing.");
        Field<ListGraphType<NonNullGraphType<LiftMeasurementType>>>("measurement")
            .Description("Each outcome's lift adjusted by pre-period behaviour, with its always-valid interval (docs/measurement.md); null on history hours recorded before measurement existed.")
            .Resolve(ctx => ctx.Source.Measurement?.All).FieldType.ListOf(3);
        Field<SignificanceEnumType>("significance")
            .Description("Whether the always-valid interval of the conversion-rate lift (the campaign's primary outcome) excludes zero; null, like measurement, on history hours recorded before measurement existed.")
            .Resolve(ctx => ctx.Source.Significance);
    }
}

public sealed class ArmOutcomesType : ObjectGraphType<ArmOutcomes>
{
    public ArmOutcomesType()
    {
        Name = "ArmOutcomes";
        Description = "One side's outcomes within each user's attribution window.";
        Field(a => a.Users).Description("Users enrolled on this side.");
        Field(a => a.ConversionRate, nullable: true).Description("Share of users with a purchase in their window.");
        Field(a => a.PurchasesPerUser, nullable: true).Description("Purchases in the window per user.");
        Field(a => a.RevenuePerUser, nullable: true).Description("Revenue in the window per user.");
        Field("shoppers", a => a.Users).Description("Users enrolled on this side.").DeprecationReason("Renamed to users.");
        Field("purchasesPerShopper", a => a.PurchasesPerUser, nullable: true).Description("Purchases in the window per user.").DeprecationReason("Renamed to purchasesPerUser.");
        Field("revenuePerShopper", a => a.RevenuePerUser, nullable: true).Description("Revenue in the window per user.").DeprecationReason("Renamed to revenuePerUser.");
    }
}

public sealed class EstimateType : ObjectGraphType<Estimate>
{
    public EstimateType()
    {
        Name = "Estimate";
        Description = "An estimate and its 95% interval; null where a side has fewer than 2 users.";
        Field(e => e.Value).Description("The estimate.");
        Field(e => e.Low).Description("Lower end of the 95% interval.");
        Field(e => e.High).Description("Upper end of the 95% interval.");
    }
}
