using Platform.Storage.ApiKeys;

namespace Platform.Gateway.Api.Types;

public sealed record CreateApiKeyPayload(ApiKeyRecord ApiKey, string Secret);
