using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Platform.Gateway.GraphQL.Execution;
using Platform.Gateway.GraphQL.Types;
using Platform.Storage.Imports;

namespace Platform.Gateway.GraphQL.Types.Imports;

public sealed class ImportJobType : ObjectGraphType<ImportJobRecord>
{
    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web);

    public ImportJobType()
    {
        Name = "ImportJob";
        Description = "A CSV import: its progress while it runs, then what it stored and rejected.";
        Field(j => j.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The import's id.");
        Field<NonNullGraphType<Imports.ImportKindEnumType>>("kind").Description("What the file holds.").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<RunStatusEnumType>>("status").Description("QUEUED, RUNNING, SUCCEEDED or FAILED.").Resolve(ctx => ctx.Source.Status);
        Field(j => j.FileName).Description("The uploaded file's name.");
        Field(j => j.SizeBytes).Description("Its size.");
        Field("rowsRead", j => j.Counts.Read).Description("Data rows read so far.");
        Field("rowsAccepted", j => j.Counts.Accepted).Description("Rows stored.");
        Field("rowsDuplicate", j => j.Counts.Duplicates).Description("Rows already stored (same content or id), skipped.");
        Field("rowsRejected", j => j.Counts.Rejected).Description("Rows that broke a rule; see rejections.");
        Field("rowsDropped", j => j.Counts.Dropped).Description("Rows skipped by a DROP missing-value policy.");
        Field(j => j.Error, nullable: true).Description("Why the import failed as a whole (unreadable file, missing columns).");
        Field(j => j.CreatedAt).Description("When it was sent.");
        Field(j => j.StartedAt, nullable: true).Description("When a worker started it.");
        Field(j => j.FinishedAt, nullable: true).Description("When it finished.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("ignoredColumns")
            .Description("Columns of the file no field or declared attribute matched.")
            .Resolve(ctx => Summary(ctx.Source)?.IgnoredColumns ?? []);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExperimentCampaignResultType>>>>("campaigns")
            .Description("For EXPERIMENT imports: the ENDED campaigns created, with observed totals per side.")
            .Resolve(ctx => Summary(ctx.Source)?.Campaigns ?? []);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RowRejectionType>>>>("rejections")
            .Description("The first rejected rows, by line (at most 10000 are kept).")
            .Argument<IntGraphType>("first", "How many, 1 to 1000 (default 100).")
            .ResolveAsync(async ctx =>
            {
                var first = ctx.GetArgument<int?>("first") ?? 100;
                if (first is < 1 or > 1000)
                {
                    throw new InputError("first", "must be between 1 and 1000");
                }

                return await ctx.RequestServices!.GetRequiredService<ImportStore>().RejectionsAsync(ctx.Source.TenantId, ctx.Source.Id, first, ctx.CancellationToken);
            });
    }

    private static ImportSummary? Summary(ImportJobRecord job) =>
        job.SummaryJson is null ? null : JsonSerializer.Deserialize<ImportSummary>(job.SummaryJson, SummaryJson);
}
