using GraphQL.Types;
using Platform.Gateway.Api.Limits;
using Platform.Ingestion;

namespace Platform.Gateway.Api.Types.Users;

public sealed class UpsertPayloadType : ObjectGraphType<UpsertOutcome>
{
    public UpsertPayloadType()
    {
        Name = "UpsertPayload";
        Description = "A batch upsert's outcome, returned after the accepted entries are committed.";
        Field(o => o.Accepted).Description("Entries stored: new, or changing what was stored.");
        Field(o => o.Unchanged).Description("Valid entries that were already stored as given: nothing changed.");
        Field(o => o.Rejected).Description("Entries that broke a rule.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UpsertEntryResultType>>>>("results").Description("One entry per input, in order.").Resolve(ctx => ctx.Source.Results).FieldType.ResultsOfBatch();
    }
}
