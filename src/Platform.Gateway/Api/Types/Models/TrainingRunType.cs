using GraphQL;
using GraphQL.Types;
using Platform.Domain.Models;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Operations;
using Platform.Storage.Models;

namespace Platform.Gateway.Api.Types.Models;

public sealed class TrainingRunType : ObjectGraphType<TrainingRunRecord>
{
    public TrainingRunType()
    {
        Name = "TrainingRun";
        Description = "One training of a tenant's model for a task, from the request to the version it made (docs/models.md#training-runs).";
        Field(r => r.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Run identifier.");
        Field<NonNullGraphType<ModelTaskEnumType>>("task").Description("What it trains.").Resolve(ctx => ctx.Source.Task);
        Field<NonNullGraphType<TrainingRunStatusEnumType>>("status").Description("Where it is.").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<TrainingTriggerEnumType>>("trigger").Description("Who asked for it.").Resolve(ctx => ctx.Source.Trigger);
        Field(r => r.Queue).Description("The Hangfire queue it was sent to: gpu when a GPU worker listened, else cpu (none for a SKIPPED run).");
        Field(r => r.Attempts).Description("Attempts started so far; a run that fails for a reason other than its data is tried again up to the worker's limit.");
        Field<TrainingProgressType>("progress")
            .Description("The latest progress a worker reported (every couple of seconds while it runs); null before it starts.")
            .Resolve(ctx => ctx.Source.ProgressJson is { } json ? ModelJson.Read<TrainingProgress>(json) : null);
        Field(r => r.Error, nullable: true).Description("Why it failed or was skipped; while QUEUED again, why the last attempt failed.");
        Field<ModelVersionType>("version")
            .Description("The version it made (SUCCEEDED runs only).")
            .ResolveAsync(async ctx => ctx.Source.VersionId is { } id
                ? await ctx.RequestServices!.GetRequiredService<ModelService>().FindVersionAsync(ctx.TenantId(), id, ctx.CancellationToken)
                : null);
        Field(r => r.Worker, nullable: true).Description("The worker process of the latest attempt (host and process id).");
        Field(r => r.CreatedAt).Description("When it was asked for.");
        Field(r => r.StartedAt, nullable: true).Description("When the latest attempt started.");
        Field(r => r.FinishedAt, nullable: true).Description("When it finished.");
    }
}
