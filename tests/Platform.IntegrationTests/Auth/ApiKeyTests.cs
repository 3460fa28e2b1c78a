using System.Net;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Auth;

/// <summary>Keys: missing, unknown, revoked, roles, and the system key's narrow powers.</summary>
public sealed class ApiKeyTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string TenantQuery = "{ tenant { id } }";

    [Fact]
    public async Task AMissingKeyIs401()
    {
        var response = await platform.Http.PostAsync(null, TenantQuery);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
    }

    [Fact]
    public async Task CallerRoleIsTheKeysRoleAndNullForTheSystemKey()
    {
        var id = $"role-{Guid.NewGuid():N}"[..20];
        var created = await platform.Http.FieldAsync(platform.Settings.SystemKey,
            "mutation($input: CreateTenantInput!) { createTenant(input: $input) { adminSecret tenant { callerRole } } }", new { input = new { id, name = "Roles" } }, "createTenant");
        var partner = await platform.CreateKeyAsync(created.GetProperty("adminSecret").GetString()!, "PARTNER");

        var asPartner = await platform.Http.FieldAsync(partner, "{ tenant { callerRole } }", null, "tenant");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("tenant").GetProperty("callerRole").ValueKind);
        Assert.Equal("PARTNER", asPartner.GetProperty("callerRole").GetString());
    }

    [Fact]
    public async Task AnUnknownKeyIs401()
    {
        var response = await platform.Http.PostAsync("pk_not-a-real-key", TenantQuery);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(["INVALID_API_KEY"], response.ErrorCodes);
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedAtOnceByTheNodeThatRevokedIt()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var merchant = await platform.CreateKeyAsync(admin, "MERCHANT");
        (await platform.Http.PostAsync(merchant, TenantQuery)).AssertSuccess();

        await Tenants.RevokeKeyAsync(platform.Http, admin, "MERCHANT");
        var response = await platform.Http.PostAsync(merchant, TenantQuery);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(["API_KEY_REVOKED"], response.ErrorCodes);
    }

    [Fact]
    public async Task ThePartnerRoleCannotMutate()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var partner = await platform.CreateKeyAsync(admin, "PARTNER");

        var read = await platform.Http.PostAsync(partner, TenantQuery);
        var write = await platform.Http.PostAsync(partner, "mutation { createApiKey(input: { role: ADMIN, name: \"escalate\" }) { secret } }");

        read.AssertSuccess();
        Assert.Equal(HttpStatusCode.Forbidden, write.Status);
        Assert.Equal(["FORBIDDEN"], write.ErrorCodes);
        Assert.Contains("ADMIN", write.FirstError.GetProperty("message").GetString());
        Assert.False(write.Body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task TheMerchantRoleCannotManageKeysOrRunDiagnostics()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var merchant = await platform.CreateKeyAsync(admin, "MERCHANT");

        var keys = await platform.Http.PostAsync(merchant, "{ apiKeys { nodes { id } } }");
        var check = await platform.Http.PostAsync(merchant, "mutation { systemCheck { id } }");

        Assert.Equal(HttpStatusCode.Forbidden, keys.Status);
        Assert.Equal(HttpStatusCode.Forbidden, check.Status);
    }

    [Fact]
    public async Task TheSystemKeyCreatesTenantsButReadsNoTenantData()
    {
        var response = await platform.Http.PostAsync(platform.Settings.SystemKey, TenantQuery);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal(["FORBIDDEN"], response.ErrorCodes);
    }

    [Fact]
    public async Task ByDefaultOnlyTheSystemKeyOpensTheJobDashboard()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        using var http = new HttpClient { BaseAddress = platform.Node.BaseUri };

        using var asAdmin = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        asAdmin.Headers.Add("X-Api-Key", admin);
        using var asSystem = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        asSystem.Headers.Add("X-Api-Key", platform.Settings.SystemKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(asAdmin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(asSystem)).StatusCode);
    }

    [Fact]
    public async Task ATenantKeyCannotCreateTenants()
    {
        var (_, admin) = await platform.CreateTenantAsync();

        var response = await platform.Http.PostAsync(admin, "mutation { createTenant(input: { id: \"sneaky\", name: \"x\" }) { adminSecret } }");

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
    }

    [Fact]
    public async Task TheLastAdminKeyCannotBeRevoked()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var adminId = (await platform.Http.PostAsync(admin, "{ apiKeys { nodes { id } } }")).Data.GetProperty("apiKeys").GetProperty("nodes")[0].GetProperty("id").GetString();

        var response = await platform.Http.PostAsync(admin, "mutation($id: ID!) { revokeApiKey(id: $id) { id } }", new { id = adminId });

        Assert.Equal(["LAST_ADMIN_KEY"], response.ErrorCodes);
        (await platform.Http.PostAsync(admin, "{ tenant { id } }")).AssertSuccess();
    }

    [Fact]
    public async Task ASecretIsShownOnceAndNeverListed()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var secret = await platform.CreateKeyAsync(admin, "PARTNER");

        var listed = await platform.Http.PostAsync(admin, "{ apiKeys { nodes { name hint role revokedAt } } }");

        listed.AssertSuccess();
        Assert.DoesNotContain(secret, listed.Body.GetRawText());
        Assert.Contains(listed.Data.GetProperty("apiKeys").GetProperty("nodes").EnumerateArray(), k => secret.StartsWith(k.GetProperty("hint").GetString()!, StringComparison.Ordinal));
    }
}
