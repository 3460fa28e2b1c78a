using GraphQL.Types;
using Platform.Domain.Modeling.UserScores;
using Platform.Gateway.Api.Limits;

namespace Platform.Gateway.Api.Types.Models;

public sealed class UserScoreMetricsType : ObjectGraphType<UserScoreVersionMetrics>
{
    public UserScoreMetricsType()
    {
        Name = "UserScoreMetrics";
        Description = "A USERS version against the logistic baseline trained on the same split and scored on the same held-out users, with its personas (docs/models.md#user-scores).";
        Field<NonNullGraphType<UserScoreEvaluationType>>("model").Description("The version's figures.").Resolve(ctx => ctx.Source.Report.Model);
        Field<NonNullGraphType<UserScoreEvaluationType>>("baseline").Description("The baseline's figures.").Resolve(ctx => ctx.Source.Report.Baseline);
        Field<UserScoreEvaluationType>("champion")
            .Description("The version that was ACTIVE when this one trained, scored on the same held-out users; null when there was none.")
            .Resolve(ctx => ctx.Source.Champion);
        Field(m => m.ChampionVersionId, type: typeof(IdGraphType)).Description("That version's id.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PersonaType>>>>("personas")
            .Description("The personas found in the network's representation of the training users; empty when there were too few users.")
            .Resolve(ctx => ctx.Source.Report.Personas)
            .FieldType.ListOf(Personas.MaxK);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PersonaChoiceType>>>>("personaChoices")
            .Description("The silhouette of each number of personas tried; the highest was kept.")
            .Resolve(ctx => ctx.Source.Report.PersonaChoices)
            .FieldType.ListOf(Personas.MaxK);
        Field<NonNullGraphType<IntGraphType>>("width").Description("The trunk width chosen on the validation users.").Resolve(ctx => ctx.Source.Report.Hyperparameters.Width);
        Field<NonNullGraphType<FloatGraphType>>("learningRate").Description("The learning rate chosen with it.").Resolve(ctx => ctx.Source.Report.Hyperparameters.LearningRate);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CandidateScoreType>>>>("candidates")
            .Description("The hyperparameter search: each candidate's validation loss.")
            .Resolve(ctx => ctx.Source.Report.Candidates)
            .FieldType.ListOf(8);
    }
}
