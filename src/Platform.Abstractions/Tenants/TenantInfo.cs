using Platform.Domain.Users;

namespace Platform.Abstractions.Tenants;

[GenerateSerializer, Immutable]
public sealed record TenantInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] TenantSettings Settings,
    [property: Id(4)] IReadOnlyList<AttributeDefinition> AttributeSchema);
