using GraphQL.Types;
using Platform.Gateway.Api.Limits;
using Platform.Ingestion;

namespace Platform.Gateway.Api.Types.Ingestion;

public sealed class IngestEventResultType : ObjectGraphType<IngestItemResult>
{
    public IngestEventResultType()
    {
        Name = "IngestEventResult";
        Description = "The outcome for one event, by its position in the batch.";
        Field(r => r.Index).Description("Position of the event in the batch, from 0.");
        Field(r => r.EventId, nullable: true).Description("The event's id, as sent.");
        Field<NonNullGraphType<IngestStatusEnumType>>("status").Description("Accepted, duplicate or rejected.").Resolve(ctx => ctx.Source.Status);
        Field<LongGraphType>("sequence").Description("The event's place in the tenant's log, when accepted.").Resolve(ctx => ctx.Source.Sequence);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FieldErrorType>>>>("errors").Description("Why it was rejected; empty otherwise.").Resolve(ctx => ctx.Source.Errors).FieldType.ListOf(5);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FieldErrorType>>>>("notices")
            .Description("Why an accepted event counts for no campaign (unknown_campaign, not_launched, imported_campaign, outside_campaign); empty otherwise.")
            .Resolve(ctx => ctx.Source.Notices ?? [])
            .FieldType.ListOf(5);
    }
}
