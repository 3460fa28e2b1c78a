using GraphQL.Types;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Api.Types.Ingestion;
using Platform.Ingestion;

namespace Platform.Gateway.Api.Types.Users;

public sealed class UpsertEntryResultType : ObjectGraphType<UpsertEntryResult>
{
    public UpsertEntryResultType()
    {
        Name = "UpsertEntryResult";
        Description = "The outcome for one entry, by its position in the batch.";
        Field(r => r.Index).Description("Position in the batch, from 0.");
        Field(r => r.Id, nullable: true).Description("The id, as sent.");
        Field<NonNullGraphType<UpsertStatusEnumType>>("status").Description("ACCEPTED (stored: new or changed), UNCHANGED (already stored as given) or REJECTED.").Resolve(ctx => ctx.Source.Status);
        Field("accepted", r => r.IsValid).Description("True unless REJECTED.").DeprecationReason("Use status: ACCEPTED and UNCHANGED entries are stored.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FieldErrorType>>>>("errors").Description("Why it was rejected; empty otherwise.").Resolve(ctx => ctx.Source.Errors).FieldType.ListOf(5);
    }
}
