using GraphQL;
using GraphQL.Types;
using Platform.Domain.Modeling;
using Platform.Domain.Modeling.Items;
using Platform.Domain.Modeling.UserScores;
using Platform.Domain.Models;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Operations;
using Platform.Storage.Models;

namespace Platform.Gateway.Api.Types.Models;

public sealed class ModelVersionType : ObjectGraphType<ModelVersionRecord>
{
    public ModelVersionType()
    {
        Name = "ModelVersion";
        Description = "A trained model in the registry: its status, why it has it, how it was trained, the features it reads and its held-out metrics beside the baseline's (docs/models.md#registry).";
        Field(v => v.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Version identifier (promoteModel takes it).");
        Field<NonNullGraphType<ModelTaskEnumType>>("task").Description("What it predicts.").Resolve(ctx => ctx.Source.Task);
        Field<NonNullGraphType<ModelVersionStatusEnumType>>("status").Description("CANDIDATE, ACTIVE or RETIRED.").Resolve(ctx => ctx.Source.Status);
        Field(v => v.Promotion).Description("Why it has its status: the promotion rule's verdict at training, or the admin's promotion.");
        Field(v => v.Checksum).Description("SHA-256 of the stored weights, checked on every load: corrupt weights are refused.");
        Field(v => v.CreatedAt).Description("When training stored it.");
        Field(v => v.ActivatedAt, nullable: true).Description("When it last became ACTIVE.");
        Field(v => v.RetiredAt, nullable: true).Description("When it was replaced.");
        Field<NonNullGraphType<TrainingRunType>>("run")
            .Description("The run that made it.")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ModelService>().FindRunAsync(ctx.TenantId(), ctx.Source.RunId, ctx.CancellationToken));
        Field<NonNullGraphType<ModelTrainingType>>("training")
            .Description("The data it learned from and how: rows, assignment range, split, seed, device, threads, duration.")
            .Resolve(ctx => ModelJson.Read<TrainingFacts>(ctx.Source.TrainingJson));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModelFeatureType>>>>("features")
            .Description("The user features it reads, learned from its training users (docs/models.md#features).")
            .Resolve(ctx => ModelFeature.From(ModelJson.Read<FeatureSchema>(ctx.Source.FeatureSchemaJson)))
            .FieldType.ListOf(FeatureStatistics.MaxNumeric + FeatureStatistics.MaxCategorical);
        Field<DriftReportType>("drift")
            .Description("The latest drift check of this version (daily while it is ACTIVE, or checkModelDrift); null before the first.")
            .Resolve(ctx => ctx.Source.DriftJson is { } json ? ModelJson.Read<DriftReport>(json) : null);
        Field<UpliftMetricsType>("uplift")
            .Description("An UPLIFT version's metrics on the held-out users beside the two-model baseline's and the then ACTIVE version's; null for other tasks.")
            .Resolve(ctx => ctx.Source.Task == ModelTask.Uplift ? ModelJson.Read<UpliftVersionMetrics>(ctx.Source.MetricsJson) : null);
        Field<Recommendations.ModelBacktestType>("backtest")
            .Description("An UPLIFT version: the ended campaigns with a holdout it made the launch forecast of, against what they measured, with interval coverage and errors; null for other tasks.")
            .ResolveAsync(async ctx => ctx.Source.Task == ModelTask.Uplift
                ? await ctx.RequestServices!.GetRequiredService<BacktestService>().ForVersionAsync(ctx.TenantId(), ctx.Source.Id, ctx.CancellationToken)
                : null)
            .FieldType.Costs(FieldCosts.Aggregate);
        Field<UserScoreMetricsType>("userScores")
            .Description("A USERS version's metrics on the held-out users beside the logistic baseline's and the then ACTIVE version's, and its personas; null for other tasks.")
            .Resolve(ctx => ctx.Source.Task == ModelTask.Users ? ModelJson.Read<UserScoreVersionMetrics>(ctx.Source.MetricsJson) : null);
        Field<ItemMetricsType>("items")
            .Description("An ITEMS version's metrics on the held-out last items beside popularity's, item-kNN's and the then ACTIVE version's; null for other tasks.")
            .Resolve(ctx => ctx.Source.Task == ModelTask.Items ? ModelJson.Read<ItemVersionMetrics>(ctx.Source.MetricsJson) : null);
        Field<UserScoringType>("scoring")
            .Description("A USERS version: the users it has scored so far (the count grows while a scoring job runs) and when the latest was; null for other tasks.")
            .ResolveAsync(async ctx => ctx.Source.Task == ModelTask.Users
                ? await ctx.RequestServices!.GetRequiredService<UserScoreStore>().ProgressAsync(ctx.TenantId(), ctx.Source.Id, ctx.CancellationToken)
                : ((long, DateTimeOffset?)?)null);
    }
}
