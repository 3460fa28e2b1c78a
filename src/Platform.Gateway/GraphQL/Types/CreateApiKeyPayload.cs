using Platform.Storage.ApiKeys;

namespace Platform.Gateway.GraphQL.Types;

public sealed record CreateApiKeyPayload(ApiKeyRecord ApiKey, string Secret);
