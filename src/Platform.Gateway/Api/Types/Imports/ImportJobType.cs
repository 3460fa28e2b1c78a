using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Platform.Domain.Imports;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Operations;
using Platform.Gateway.Api.Types;
using Platform.Storage.Imports;

namespace Platform.Gateway.Api.Types.Imports;

public sealed class ImportJobType : ObjectGraphType<ImportJobRecord>
{
    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web);

    public ImportJobType()
    {
        Name = "ImportJob";
        Description = "A CSV import: its progress while it runs, then what it stored and rejected.";
        Field(j => j.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The import's id.");
        Field<NonNullGraphType<ImportKindEnumType>>("kind").Description("What the file holds.").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<RunStatusEnumType>>("status").Description("QUEUED, RUNNING, SUCCEEDED or FAILED.").Resolve(ctx => ctx.Source.Status);
        Field(j => j.FileName).Description("The uploaded file's name.");
        Field(j => j.SizeBytes).Description("Its size.");
        Field("rowsRead", j => j.Counts.Read).Description("Data rows read so far.");
        Field("rowsAccepted", j => j.Counts.Accepted).Description("Rows stored: new, or changing what was stored.");
        Field("rowsUnchanged", j => j.Counts.Unchanged).Description("Valid rows already stored as given (an event with a stored id, a user or item or experiment row equal to the stored one): nothing changed.");
        Field("rowsDuplicate", j => j.Counts.Duplicates).Description("Rows repeating an earlier row of the same file exactly, skipped (not in an experiment file without an id column, where equal rows are different customers).");
        Field("rowsRejected", j => j.Counts.Rejected).Description("Rows that broke a rule; see rejections.");
        Field("rowsDropped", j => j.Counts.Dropped).Description("Rows skipped by a DROP missing-value policy.");
        Field("profilesToFold", j => j.Profiles.ToFold)
            .Description("EVENTS imports: shoppers without a live grain, whose profiles the import folds after its rows (docs/imports.md#history-and-profiles); 0 before that phase and for other kinds.");
        Field("profilesFolded", j => j.Profiles.Folded)
            .Description("Of profilesToFold, those the fold has dealt with so far: folded and stored, or found folded by their own grain meanwhile.");
        Field(j => j.Error, nullable: true).Description("Why the import failed as a whole (unreadable file, missing columns).");
        Field(j => j.CreatedAt).Description("When it was sent.");
        Field(j => j.StartedAt, nullable: true).Description("When a worker started it.");
        Field(j => j.FinishedAt, nullable: true).Description("When it finished.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("ignoredColumns")
            .Description("Columns of the file no field or declared attribute matched.")
            .Resolve(ctx => Summary(ctx.Source)?.IgnoredColumns ?? []);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UnbalancedColumnType>>>>("unbalancedColumns")
            .Description($"For EXPERIMENT imports: columns that differ between the control group and an arm beyond chance (most likely measured after assignment), left out of the features unless options.experiment.featureColumns lists them; the largest differences first, at most {ArmBalance.MaxReported}.")
            .Resolve(ctx => Summary(ctx.Source)?.UnbalancedColumns ?? [])
            .FieldType.ListOf(ArmBalance.MaxReported);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LeftOutFeatureType>>>>("leftOutFeatures")
            .Description($"For EXPERIMENT imports without featureColumns: feature columns left out because the tenant may declare at most {Domain.Users.AttributeSchemaRules.MaxAttributes} custom attributes; those that go with the outcome least, the most associated first, at most {OutcomeAssociation.MaxReported} (docs/imports.md#past-experiments).")
            .Resolve(ctx => Summary(ctx.Source)?.LeftOutFeatures ?? [])
            .FieldType.ListOf(OutcomeAssociation.MaxReported);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExperimentCampaignResultType>>>>("campaigns")
            .Description("For EXPERIMENT imports: the ENDED campaigns created, with observed totals per side.")
            .Resolve(ctx => Summary(ctx.Source)?.Campaigns ?? [])
            .FieldType.ListOf(ExperimentMapping.MaxArms);
        Field<NonNullGraphType<RowRejectionPageType>>("rejections")
            .Description($"The rejected rows by line (the first {ImportStore.MaxStoredRejections} are kept).")
            .Argument<IntGraphType>("first", $"Page size, 1 to {ImportService.MaxRejectionsPage} (default {ImportService.DefaultRejectionsPage}).")
            .Argument<StringGraphType>("after", "endCursor of the previous page.")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ImportService>().RejectionsAsync(
                ctx.Source, ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), ctx.CancellationToken))
            .FieldType.Paged(ImportService.DefaultRejectionsPage);
    }

    private static ImportSummary? Summary(ImportJobRecord job) =>
        job.SummaryJson is null ? null : JsonSerializer.Deserialize<ImportSummary>(job.SummaryJson, SummaryJson);
}

public sealed class RowRejectionPageType() : PageGraphType<RowRejectionType, RowRejection>(
    "RowRejectionPage", "One page of an import's rejected rows, by line.", "The rejections of this page.");
