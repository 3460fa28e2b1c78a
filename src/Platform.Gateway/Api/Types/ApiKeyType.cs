using GraphQL.Types;
using Platform.Storage.ApiKeys;

namespace Platform.Gateway.Api.Types;

public sealed class ApiKeyType : ObjectGraphType<ApiKeyRecord>
{
    public ApiKeyType()
    {
        Name = "ApiKey";
        Description = "An API key of the tenant. The secret is shown only once, when the key is created.";
        Field(k => k.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Identifier used to revoke the key.");
        Field(k => k.Name).Description("Label given at creation.");
        Field<NonNullGraphType<RoleEnumType>>("role").Description("What the key may do.").Resolve(ctx => ctx.Source.Role);
        Field(k => k.Hint).Description("The first characters of the secret, to tell keys apart.");
        Field(k => k.CreatedAt).Description("When the key was created.");
        Field(k => k.RevokedAt, nullable: true).Description("When the key was revoked; null while it is active.");
    }
}

public sealed class ApiKeyPageType() : PageGraphType<ApiKeyType, ApiKeyRecord>("ApiKeyPage", "One page of the tenant's API keys, oldest first.", "The keys of this page.");
