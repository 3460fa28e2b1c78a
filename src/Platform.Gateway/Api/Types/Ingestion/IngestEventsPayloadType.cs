using GraphQL.Types;
using Platform.Gateway.Api.Limits;
using Platform.Ingestion;

namespace Platform.Gateway.Api.Types.Ingestion;

public sealed class IngestEventsPayloadType : ObjectGraphType<IngestOutcome>
{
    public IngestEventsPayloadType()
    {
        Name = "IngestEventsPayload";
        Description = "The batch's outcome. Returned only after the accepted events are committed.";
        Field(o => o.Accepted).Description("Events stored now.");
        Field(o => o.Duplicates).Description("Events whose eventId was already stored.");
        Field(o => o.Rejected).Description("Events that broke a rule.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IngestEventResultType>>>>("results").Description("One entry per event, in batch order.").Resolve(ctx => ctx.Source.Results).FieldType.ResultsOfBatch();
    }
}
