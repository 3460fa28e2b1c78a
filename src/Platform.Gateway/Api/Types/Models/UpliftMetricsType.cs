using GraphQL.Types;
using Platform.Domain.Modeling;
using Platform.Gateway.Api.Limits;

namespace Platform.Gateway.Api.Types.Models;

public sealed class UpliftMetricsType : ObjectGraphType<UpliftVersionMetrics>
{
    /// <summary>The typical number of campaign checks (one per campaign with held-out users on both sides), for the cost of selecting them.</summary>
    public const int TypicalCampaignChecks = 50;

    public UpliftMetricsType()
    {
        Name = "UpliftMetrics";
        Description = "An uplift version against the two-model logistic baseline trained on the same split and scored on the same held-out users (docs/models.md#metrics).";
        Field<NonNullGraphType<UpliftEvaluationType>>("model").Description("The version's figures.").Resolve(ctx => ctx.Source.Report.Model);
        Field<NonNullGraphType<UpliftEvaluationType>>("baseline").Description("The baseline's figures.").Resolve(ctx => ctx.Source.Report.Baseline);
        Field<FloatGraphType>("qiniRatio")
            .Description("model.qini / baseline.qini; null when the baseline's is not positive.")
            .Resolve(ctx => ctx.Source.Report.Baseline.Qini > 0 ? Finite.OrNull(ctx.Source.Report.Model.Qini / ctx.Source.Report.Baseline.Qini) : null);
        Field<UpliftEvaluationType>("champion")
            .Description("The version that was ACTIVE when this one trained, scored on the same held-out users; null when there was none.")
            .Resolve(ctx => ctx.Source.Champion);
        Field(m => m.ChampionVersionId, type: typeof(IdGraphType)).Description("That version's id.");
        Field<FloatGraphType>("coverage80").Description("Share of campaign checks whose observed lift lies in the predicted 80% interval.").Resolve(ctx => Finite.OrNull(ctx.Source.Report.Coverage80));
        Field<FloatGraphType>("coverage95").Description("The same for the 95% interval.").Resolve(ctx => Finite.OrNull(ctx.Source.Report.Coverage95));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CampaignEffectType>>>>("campaigns")
            .Description("Per campaign: observed vs predicted lift on the held-out users.")
            .Resolve(ctx => ctx.Source.Report.Effects)
            .FieldType.ListOf(TypicalCampaignChecks);
        Field<NonNullGraphType<UpliftHyperparametersType>>("hyperparameters").Description("What the ensemble was trained with.").Resolve(ctx => ctx.Source.Report.Hyperparameters);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CandidateScoreType>>>>("candidates")
            .Description("The hyperparameter search: each candidate's validation loss.")
            .Resolve(ctx => ctx.Source.Report.Candidates)
            .FieldType.ListOf(8);
    }
}
