using GraphQL.Types;

namespace Platform.Gateway.Api.Types;

public sealed class CreateApiKeyPayloadType : ObjectGraphType<CreateApiKeyPayload>
{
    public CreateApiKeyPayloadType()
    {
        Name = "CreateApiKeyPayload";
        Description = "A new API key and its secret.";
        Field<NonNullGraphType<ApiKeyType>>("apiKey").Description("The key.").Resolve(ctx => ctx.Source.ApiKey);
        Field(p => p.Secret).Description("The secret to send in X-Api-Key. Shown only now: store it safely.");
    }
}
