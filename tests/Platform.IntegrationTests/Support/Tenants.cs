namespace Platform.IntegrationTests.Support;

/// <summary>Tenant and key set-up through the public API, as an operator would do it.</summary>
public static class Tenants
{
    public const string SetRateLimit =
        "mutation($tenant: ID!, $perSecond: Int!) { setTenantRateLimit(input: { tenantId: $tenant, requestsPerSecond: $perSecond }) { id } }";

    public static async Task<(string TenantId, string AdminKey)> CreateAsync(GraphQLHttp http, string systemKey, string prefix = "shop")
    {
        var id = $"{prefix}-{Guid.NewGuid():N}"[..24];
        var response = await http.PostAsync(
            systemKey,
            "mutation($input: CreateTenantInput!) { createTenant(input: $input) { adminSecret } }",
            new { input = new { id, name = $"Shop {id}" } });
        response.AssertSuccess();
        return (id, response.Data.GetProperty("createTenant").GetProperty("adminSecret").GetString()!);
    }

    /// <summary>Revokes the tenant's (only) key of the given role, through the API.</summary>
    public static async Task RevokeKeyAsync(GraphQLHttp http, string adminKey, string role)
    {
        var keys = await http.PostAsync(adminKey, "{ apiKeys { nodes { id role revokedAt } } }");
        var id = keys.Data.GetProperty("apiKeys").GetProperty("nodes").EnumerateArray()
            .Single(k => k.GetProperty("role").GetString() == role && k.GetProperty("revokedAt").ValueKind == System.Text.Json.JsonValueKind.Null)
            .GetProperty("id").GetString();
        var revoked = await http.PostAsync(adminKey, "mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }", new { id });
        revoked.AssertSuccess();
    }

    public static async Task<string> CreateKeyAsync(GraphQLHttp http, string adminKey, string role)
    {
        var response = await http.PostAsync(
            adminKey,
            "mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }",
            new { input = new { role, name = $"{role} key" } });
        response.AssertSuccess();
        return response.Data.GetProperty("createApiKey").GetProperty("secret").GetString()!;
    }
}
