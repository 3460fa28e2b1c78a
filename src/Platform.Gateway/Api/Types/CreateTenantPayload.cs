using Platform.Abstractions.Tenants;
using Platform.Storage.ApiKeys;

namespace Platform.Gateway.Api.Types;

public sealed record CreateTenantPayload(TenantInfo Tenant, ApiKeyRecord AdminKey, string AdminSecret);
