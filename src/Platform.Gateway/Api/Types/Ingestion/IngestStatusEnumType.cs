using GraphQL.Types;
using Platform.Ingestion;

namespace Platform.Gateway.Api.Types.Ingestion;

public sealed class IngestStatusEnumType : EnumerationGraphType
{
    public IngestStatusEnumType()
    {
        Name = "IngestStatus";
        Description = "What became of one event.";
        Add("ACCEPTED", IngestStatus.Accepted, "Stored in the log; the user's profile folds it within moments.");
        Add("DUPLICATE", IngestStatus.Duplicate, "An event with this eventId was already stored; nothing changed.");
        Add("REJECTED", IngestStatus.Rejected, "Broke a rule; see errors. Nothing was stored for it.");
    }
}
