using GraphQL.Types;
using Platform.Storage.SystemChecks;

namespace Platform.Gateway.Api.Types;

public sealed class SystemCheckRunType : ObjectGraphType<SystemCheckRecord>
{
    public SystemCheckRunType()
    {
        Name = "SystemCheckRun";
        Description = "A diagnostic run on a worker: a small TorchSharp training plus a database round trip.";
        Field(r => r.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Run identifier.");
        Field<NonNullGraphType<RunStatusEnumType>>("status").Description("Where the run is.").Resolve(ctx => ctx.Source.Status);
        Field(r => r.Queue).Description("The Hangfire queue it was sent to.");
        Field(r => r.RequestedAt).Description("When an admin asked for it.");
        Field(r => r.StartedAt, nullable: true).Description("When a worker picked it up.");
        Field(r => r.FinishedAt, nullable: true).Description("When it finished.");
        Field(r => r.Worker, nullable: true).Description("The worker process that ran it (host and process id).");
        Field(r => r.TorchVersion, nullable: true).Description("libtorch version the worker loaded.");
        Field(r => r.Device, nullable: true).Description("The device the worker found: cpu or cuda.");
        Field(r => r.Threads, nullable: true).Description("Torch intra-op threads on the worker.");
        Field(r => r.PostgresVersion, nullable: true).Description("PostgreSQL server version seen from the worker.");
        Field(r => r.LossBefore, nullable: true).Description("Loss of the probe model before training.");
        Field(r => r.LossAfter, nullable: true).Description("Loss of the probe model after training (lower shows the training path works).");
        Field(r => r.DurationMs, nullable: true).Description("How long the check took on the worker, in milliseconds.");
        Field(r => r.Error, nullable: true).Description("Why it failed, when it did.");
    }
}
