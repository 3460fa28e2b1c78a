using GraphQL.Types;
using Platform.Domain.Measurement;

namespace Platform.Gateway.Api.Types.Measurement;

public sealed class TimeToAnswerType : ObjectGraphType<TimeToAnswer>
{
    public TimeToAnswerType()
    {
        Name = "TimeToAnswer";
        Description = "How long until a live campaign's lift is known (docs/measurement.md#time-to-an-answer).";
        Field<NonNullGraphType<LiftMetricEnumType>>("metric").Description("The outcome.").Resolve(ctx => ctx.Source.Metric);
        Field(t => t.MinimumDetectableEffect, nullable: true).Description("The smallest lift the always-valid interval would detect now with 80% power.");
        Field(t => t.Users).Description("Users enrolled so far, both sides.");
        Field(t => t.Effect, nullable: true).Description("The lift per enrolled user the rest is computed for.");
        Field<EffectSourceEnumType>("effectSource").Description("Where the effect came from.").Resolve(ctx => ctx.Source.EffectSource);
        Field(t => t.UsersNeeded, nullable: true).Description("Users (both sides) at which the effect becomes detectable with 80% power.");
        Field(t => t.UsersPerDay, nullable: true).Description("Users enrolled per day since launch.");
        Field(t => t.ExpectedDays, nullable: true).Description("Days from now until usersNeeded are enrolled at that rate and the last of them has had a full attribution window.");
        Field(t => t.BeforeCampaignEnds, nullable: true).Description("Whether usersNeeded are enrolled before the campaign's endsAt at that rate.");
        Field(t => t.Note, nullable: true).Description("Why a figure is missing.");
    }
}

public sealed class EffectSourceEnumType : EnumerationGraphType
{
    public EffectSourceEnumType()
    {
        Name = "EffectSource";
        Description = "Where the effect of a time to an answer came from.";
        Add("GIVEN", EffectSource.Given, "The effect argument.");
        Add("FORECAST", EffectSource.Forecast, "The campaign's launch forecast.");
    }
}

public sealed class HoldoutPlanType : ObjectGraphType<HoldoutPlan>
{
    public HoldoutPlanType()
    {
        Name = "HoldoutPlan";
        Description = "With this share held out: what it takes to detect the forecast conversion-rate lift with the always-valid interval.";
        Field(p => p.HoldoutShare).Description("The share of the audience held out.");
        Field(p => p.UsersNeeded, nullable: true).Description("Users (both sides) needed; null when the lift could never be detected.");
        Field(p => p.Days, nullable: true).Description("Days from the start at the rate the audience is enrolled evenly over the campaign, plus one attribution window.");
        Field(p => p.Feasible).Description("Whether the audience (within the budget) holds that many users.");
    }
}
