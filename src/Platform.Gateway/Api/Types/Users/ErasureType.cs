using GraphQL.Types;
using Platform.Storage.Users;

namespace Platform.Gateway.Api.Types.Users;

public sealed class ErasureType : ObjectGraphType<ErasureRecord>
{
    public ErasureType()
    {
        Name = "Erasure";
        Description = "The record a forgetUser leaves: no user id, only its hash.";
        Field(e => e.UserHash).Description("SHA-256 of \"<tenant id>:<user id>\", hex.");
        Field(e => e.ErasedAt).Description("When the erasure completed.");
        Field(e => e.KeyId, nullable: true).Description("The API key that asked.");
        Field(e => e.Events).Description("Events deleted from the log.");
        Field(e => e.Outcomes).Description("Campaign outcome (training) rows deleted.");
    }
}
