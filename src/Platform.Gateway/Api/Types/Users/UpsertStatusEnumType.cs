using GraphQL.Types;
using Platform.Ingestion;

namespace Platform.Gateway.Api.Types.Users;

public sealed class UpsertStatusEnumType : EnumerationGraphType
{
    public UpsertStatusEnumType()
    {
        Name = "UpsertStatus";
        Description = "What an upsert did with one entry.";
        Add("ACCEPTED", UpsertStatus.Accepted, "Stored: a new record, or a change to the stored one.");
        Add("UNCHANGED", UpsertStatus.Unchanged, "Valid, and already stored exactly so: nothing changed.");
        Add("REJECTED", UpsertStatus.Rejected, "Broke a rule (see errors); nothing stored.");
    }
}
