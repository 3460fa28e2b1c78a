using GraphQL;
using GraphQL.Types;
using Platform.Domain.Decisions;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Api.Types.Campaigns;
using Platform.Gateway.Operations;
using Platform.Storage.Campaigns;

namespace Platform.Gateway.Api.Types.Recommendations;

public sealed class TargetingKindEnumType : EnumerationGraphType
{
    public TargetingKindEnumType()
    {
        Name = "TargetingKind";
        Description = "Which users of an audience a searched design goes to.";
        Add("ALL", TargetingKind.All, "Everyone in the audience.");
        Add("POSITIVE_MARGIN", TargetingKind.PositiveMargin, "Users whose expected incremental margin under the design is above 0.");
        Add("TOP_PERCENT", TargetingKind.TopPercent, "The given percent of users with the highest expected incremental margin under the design.");
        Add("TOP_UPLIFT_PERCENT", TargetingKind.TopUpliftPercent, "The given percent of users with the highest predicted conversion uplift under the design (the offer's added chance of buying), whatever the discount costs.");
    }
}

public sealed class OptimizationTargetingType : ObjectGraphType<DesignTargeting>
{
    public OptimizationTargetingType()
    {
        Name = "OptimizationTargeting";
        Description = "Which users of the audience a candidate goes to.";
        Field<NonNullGraphType<TargetingKindEnumType>>("kind").Description("ALL, POSITIVE_MARGIN, TOP_PERCENT or TOP_UPLIFT_PERCENT.").Resolve(ctx => ctx.Source.Kind);
        Field(t => t.Percent, nullable: true).Description("For TOP_PERCENT and TOP_UPLIFT_PERCENT: the share of the audience.");
    }
}

public sealed class OptimizationCandidateType : ObjectGraphType<ScoredCandidate>
{
    public OptimizationCandidateType()
    {
        Name = "OptimizationCandidate";
        Description = "One design of a search with its forecast (each figure with its 80% and 95% intervals).";
        Field<NonNullGraphType<StringGraphType>>("description").Description("The design in words.").Resolve(ctx => ctx.Source.Candidate.Describe());
        Field<NonNullGraphType<CampaignTypeEnumType>>("type").Description("What is offered.").Resolve(ctx => ctx.Source.Candidate.Design.Type);
        Field<DecimalGraphType>("value").Description("The offer's value; null for types that take none.").Resolve(ctx => ctx.Source.Candidate.Design.Value);
        Field<ChannelEnumType>("channel").Description("Where users see it.").Resolve(ctx => ctx.Source.Candidate.Design.Channel);
        Field<NonNullGraphType<FloatGraphType>>("durationDays").Description("endsAt − startsAt, in days.").Resolve(ctx => ctx.Source.Candidate.DurationDays);
        Field<NonNullGraphType<OptimizationTargetingType>>("targeting").Description("Which users of the audience it goes to.").Resolve(ctx => ctx.Source.Candidate.Targeting);
        Field<NonNullGraphType<LongGraphType>>("users").Description("Users the targeting picks from the audience.").Resolve(ctx => ctx.Source.Forecast.AudienceUsers);
        Field<NonNullGraphType<FloatGraphType>>("treatedUsers").Description("Users expected to be reached: the picked users less the holdout share, times budgetShare.").Resolve(ctx => ctx.Source.Forecast.TreatedUsers);
        Field<NonNullGraphType<FloatGraphType>>("budgetShare").Description("The share of the campaign the budget pays for.").Resolve(ctx => ctx.Source.Forecast.BudgetShare);
        Figure("participants", "Treated users expected to take part (click, claim).", f => f.Participants);
        Figure("conversions", "Treated users expected to buy in the window.", f => f.Conversions);
        Field<ForecastFigureType>("orders").Description("Orders the treated users are expected to place in the window; null in a search stored before orders were forecast.").Resolve(ctx => ctx.Source.Forecast.Orders);
        Figure("gmv", "Revenue of the treated users in the window.", f => f.Gmv);
        Figure("incrementalConversions", "Purchases the offer adds.", f => f.IncrementalConversions);
        Figure("incrementalGmv", "Revenue the offer adds.", f => f.IncrementalGmv);
        Figure("discountCost", "Expected discounts.", f => f.DiscountCost);
        Field<NonNullGraphType<DecimalGraphType>>("costPerContact").Description("What reaching one treated user costs on its channel: its entry in contactCosts, else the design's costPerContact.").Resolve(ctx => ctx.Source.Candidate.Design.CostPerContact);
        Field<ForecastFigureType>("contactCost").Description("treatedUsers × costPerContact; null in a search stored before it was forecast.").Resolve(ctx => ctx.Source.Forecast.ContactCost);
        Figure("incrementalMargin", "incrementalGmv × marginRate − discountCost − contactCost: what the search maximizes.", f => f.IncrementalMargin);
        Field<ForecastFigureType>("roi").Description("(incrementalGmv − cost) ÷ cost with cost = discountCost + contactCost; null when the design costs nothing.").Resolve(ctx => ctx.Source.Forecast.Roi);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("warnings").Description("Ways the design lies outside what the model learned from.").Resolve(ctx => ctx.Source.Forecast.Warnings).FieldType.ListOf(3);
        Field(c => c.MeetsConstraints).Description("Whether the forecast meets every constraint.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("brokenConstraints").Description("The constraints it breaks: minRoi, maxCost, minReach.").Resolve(ctx => ctx.Source.Broken).FieldType.ListOf(3);
        Field(c => c.OnFrontier).Description("Whether it meets the constraints and no candidate that does costs less (discounts and contacts) and earns more margin.");
    }

    private void Figure(string name, string description, Func<Domain.Decisions.CampaignForecast, ForecastFigure> of) =>
        Field<NonNullGraphType<ForecastFigureType>>(name).Description(description).Resolve(ctx => of(ctx.Source.Forecast));
}

public sealed class CampaignOptimizationType : ObjectGraphType<OptimizationRecord>
{
    public const int DefaultCandidates = 20;

    public CampaignOptimizationType()
    {
        Name = "CampaignOptimization";
        Description = "A design search and, once it has SUCCEEDED, its candidates, frontier and recommendation (docs/forecasts.md#optimizer).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The search; give it to campaignOptimization and optimizationProgress.").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<RunStatusEnumType>>("status").Description("QUEUED, RUNNING, SUCCEEDED or FAILED (also when its node stopped).").Resolve(ctx => ctx.Source.Status);
        Field(o => o.Phase).Description("queued, reading the audience, scoring shoppers, forecasting, done.");
        Field(o => o.Progress).Description("The share of the work done, 0 to 1.");
        Field(o => o.CandidateCount).Description("Candidates searched (designs × targetings).");
        Field(o => o.AudienceUsers, nullable: true).Description("Users in the audience, once counted.");
        Field<IdGraphType>("modelVersionId").Description("The ACTIVE UPLIFT version the search uses, once loaded.").Resolve(ctx => ctx.Source.ModelVersionId);
        Field(o => o.Error, nullable: true).Description("Why it FAILED.");
        Field(o => o.CreatedAt).Description("When optimizeCampaign started it.");
        Field(o => o.FinishedAt, nullable: true).Description("When it finished.");
        Field<ListGraphType<NonNullGraphType<OptimizationCandidateType>>>("candidates")
            .Description("The candidates, highest expected incremental margin first; null until SUCCEEDED.")
            .Argument<IntGraphType>("first", $"How many, 1 to {DesignSearch.MaxCandidates} (default {DefaultCandidates}).")
            .Resolve(ctx => ctx.Source.Result?.Choice.Candidates.Take(Paging.Size(ctx.GetArgument<int?>("first"), DefaultCandidates, DesignSearch.MaxCandidates)).ToList())
            .FieldType.Paged(DefaultCandidates);
        Field<ListGraphType<NonNullGraphType<OptimizationCandidateType>>>("frontier")
            .Description("The Pareto frontier of cost against incremental margin among the candidates that meet the constraints, cheapest first; null until SUCCEEDED.")
            .Resolve(ctx => ctx.Source.Result?.Choice.Frontier).FieldType.ListOf(DefaultCandidates);
        Field<OptimizationCandidateType>("recommended").Description("The candidate with the highest expected incremental margin that meets the constraints; null when none does or until SUCCEEDED.")
            .Resolve(ctx => ctx.Source.Result?.Choice.Recommended);
        Field<ForecastType>("recommendedForecast").Description("The recommended candidate's whole forecast: segments, drivers across the audience, warnings.")
            .Resolve(ctx => ctx.Source is { Result.Choice.Recommended: { } best, ModelVersionId: { } version }
                ? new ForecastResult(version, best.Forecast, ctx.Source.Result.Drivers, best.Candidate.Design)
                : null);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("why").Description("Why the recommended candidate wins (or why none does), in plain words; null until SUCCEEDED.")
            .Resolve(ctx => ctx.Source.Result?.Choice.Why).FieldType.ListOf(5);
    }
}
