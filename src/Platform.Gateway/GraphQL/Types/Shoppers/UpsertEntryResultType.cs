using GraphQL.Types;
using Platform.Gateway.GraphQL.Types.Ingestion;
using Platform.Ingestion;

namespace Platform.Gateway.GraphQL.Types.Shoppers;

public sealed class UpsertEntryResultType : ObjectGraphType<UpsertEntryResult>
{
    public UpsertEntryResultType()
    {
        Name = "UpsertEntryResult";
        Description = "The outcome for one entry, by its position in the batch.";
        Field(r => r.Index).Description("Position in the batch, from 0.");
        Field(r => r.Id, nullable: true).Description("The id, as sent.");
        Field(r => r.Accepted).Description("Stored (true) or rejected (false).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FieldErrorType>>>>("errors").Description("Why it was rejected; empty otherwise.").Resolve(ctx => ctx.Source.Errors);
    }
}
