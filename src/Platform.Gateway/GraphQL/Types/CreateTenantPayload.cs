using Platform.Abstractions.Tenants;
using Platform.Storage.ApiKeys;

namespace Platform.Gateway.GraphQL.Types;

public sealed record CreateTenantPayload(TenantInfo Tenant, ApiKeyRecord AdminKey, string AdminSecret);
