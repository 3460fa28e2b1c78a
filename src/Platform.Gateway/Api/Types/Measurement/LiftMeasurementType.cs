using GraphQL.Types;
using Platform.Domain.Measurement;
using Platform.Gateway.Api.Types.Campaigns;

namespace Platform.Gateway.Api.Types.Measurement;

public sealed class LiftMeasurementType : ObjectGraphType<LiftMeasurement>
{
    public LiftMeasurementType()
    {
        Name = "LiftMeasurement";
        Description = "One outcome's lift: unadjusted, adjusted by pre-period behaviour, and always valid (docs/measurement.md).";
        Field<NonNullGraphType<LiftMetricEnumType>>("metric").Description("The outcome.").Resolve(ctx => ctx.Source.Metric);
        Field<EstimateType>("estimate").Description("The default estimate with its fixed-horizon 95% interval: the adjusted one where there is one, else the unadjusted one.").Resolve(ctx => ctx.Source.Estimate);
        Field<EstimateType>("unadjusted").Description("Treatment minus control, fixed-horizon 95% interval (as conversionRateLift etc.).").Resolve(ctx => ctx.Source.Unadjusted);
        Field<EstimateType>("adjusted").Description("Adjusted by the pre-period covariates (Lin's regression adjustment), fixed-horizon 95% interval; null without a usable covariate or with too few users.").Resolve(ctx => ctx.Source.Adjusted);
        Field(m => m.VarianceReduction, nullable: true).Description("1 − adjusted variance ÷ unadjusted variance: the share of the noise the covariates removed.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("covariates").Description("The covariates the adjustment used.").Resolve(ctx => ctx.Source.Covariates);
        Field<EstimateType>("alwaysValid").Description("The default estimate with its always-valid 95% interval (a confidence sequence): valid however often it is read.").Resolve(ctx => ctx.Source.AlwaysValid);
        Field<NonNullGraphType<SignificanceEnumType>>("significance").Description("Whether the always-valid interval excludes zero.").Resolve(ctx => ctx.Source.Significance);
        Field(m => m.MinimumDetectableEffect, nullable: true).Description("The smallest lift the always-valid interval would detect with 80% power at the current numbers of users.");
        Field(m => m.Note, nullable: true).Description("Why an interval is missing, or which covariates were left out.");
    }
}

public sealed class LiftMetricEnumType : EnumerationGraphType
{
    public LiftMetricEnumType()
    {
        Name = "LiftMetric";
        Description = "An outcome a campaign's lift is measured on, per enrolled user within their attribution window.";
        Add("CONVERSION_RATE", LiftMetric.ConversionRate, "Share of users with a purchase.");
        Add("PURCHASES_PER_USER", LiftMetric.PurchasesPerUser, "Purchases per user.");
        Add("REVENUE_PER_USER", LiftMetric.RevenuePerUser, "Revenue per user.");
    }
}

public sealed class SignificanceEnumType : EnumerationGraphType
{
    public SignificanceEnumType()
    {
        Name = "Significance";
        Description = "What a lift's always-valid 95% interval says.";
        Add("POSITIVE", Significance.Positive, "It lies above zero: the campaign raises the outcome.");
        Add("NEGATIVE", Significance.Negative, "It lies below zero: the campaign lowers it.");
        Add("NOT_SIGNIFICANT", Significance.NotSignificant, "It contains zero: not known yet.");
        Add("NOT_ENOUGH_DATA", Significance.NotEnoughData, "Too few users for an interval (see the measurement's note).");
    }
}
