using GraphQL.Types;
using Platform.Ingestion;

namespace Platform.Gateway.GraphQL.Types.Shoppers;

public sealed class UpsertPayloadType : ObjectGraphType<UpsertOutcome>
{
    public UpsertPayloadType()
    {
        Name = "UpsertPayload";
        Description = "A batch upsert's outcome, returned after the accepted entries are committed.";
        Field(o => o.Accepted).Description("Entries stored.");
        Field(o => o.Rejected).Description("Entries that broke a rule.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UpsertEntryResultType>>>>("results").Description("One entry per input, in order.").Resolve(ctx => ctx.Source.Results);
    }
}
