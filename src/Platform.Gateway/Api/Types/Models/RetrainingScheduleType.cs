using GraphQL.Types;
using Platform.Domain.Models;

namespace Platform.Gateway.Api.Types.Models;

public sealed class RetrainingScheduleType : ObjectGraphType<RetrainingSchedule>
{
    public RetrainingScheduleType()
    {
        Name = "RetrainingSchedule";
        Description = "When a task's models retrain on their own (docs/models.md#schedules).";
        Field<NonNullGraphType<ModelTaskEnumType>>("task").Description("The task.").Resolve(ctx => ctx.Source.Task);
        Field(s => s.Cron).Description("Five-field cron expression (minute hour day-of-month month day-of-week).");
        Field(s => s.TimeZone).Description("IANA time zone the expression is read in.");
        Field(s => s.OnlyWhenNewData).Description("Whether a firing is SKIPPED when no events or outcome rows arrived since the ACTIVE version's data.");
        Field("retrainWhenDriftAbove", s => s.RetrainAbovePsi, nullable: true).Description("The daily drift check queues a run when it finds an input above this population stability index; null: drift does not retrain.");
        Field<DateTimeOffsetGraphType>("nextRunAt").Description("The next firing (UTC).").Resolve(ctx => ctx.Source.NextRunAfter(DateTimeOffset.UtcNow));
        Field(s => s.CreatedAt).Description("When it was first set.");
    }
}
