using System.Net;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Auth;

/// <summary>A key of tenant A never sees or changes anything of tenant B, whatever id it guesses.</summary>
public sealed class TenantIsolationTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task ATenantSeesOnlyItsOwnKeys()
    {
        var (_, adminA) = await platform.CreateTenantAsync("a");
        var (_, adminB) = await platform.CreateTenantAsync("b");
        await platform.CreateKeyAsync(adminB, "MERCHANT");

        var keysOfA = await platform.Http.PostAsync(adminA, "{ apiKeys { nodes { id } } }");

        Assert.Single(keysOfA.Data.GetProperty("apiKeys").GetProperty("nodes").EnumerateArray());
    }

    [Fact]
    public async Task AnotherTenantsKeyCannotBeRevoked()
    {
        var (_, adminA) = await platform.CreateTenantAsync("a");
        var (_, adminB) = await platform.CreateTenantAsync("b");
        var keyOfB = (await platform.Http.PostAsync(adminB, "{ apiKeys { nodes { id } } }")).Data.GetProperty("apiKeys").GetProperty("nodes")[0].GetProperty("id").GetString();

        var response = await platform.Http.PostAsync(adminA, "mutation($id: ID!) { revokeApiKey(id: $id) { id } }", new { id = keyOfB });

        Assert.Equal(["NOT_FOUND"], response.ErrorCodes);
        (await platform.Http.PostAsync(adminB, "{ tenant { id } }")).AssertSuccess();
    }

    [Fact]
    public async Task AnotherTenantsRunIsInvisible()
    {
        var (_, adminA) = await platform.CreateTenantAsync("a");
        var (_, adminB) = await platform.CreateTenantAsync("b");
        var runOfB = (await platform.Http.PostAsync(adminB, "mutation { systemCheck { id } }")).Data.GetProperty("systemCheck").GetProperty("id").GetString();

        var asA = await platform.Http.PostAsync(adminA, "query($id: ID!) { systemCheckRun(id: $id) { id } }", new { id = runOfB });
        var asB = await platform.Http.PostAsync(adminB, "query($id: ID!) { systemCheckRun(id: $id) { id } }", new { id = runOfB });

        asA.AssertSuccess();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, asA.Data.GetProperty("systemCheckRun").ValueKind);
        Assert.Equal(runOfB, asB.Data.GetProperty("systemCheckRun").GetProperty("id").GetString());
    }

    [Fact]
    public async Task TheTenantAlwaysComesFromTheKey()
    {
        var (tenantA, adminA) = await platform.CreateTenantAsync("a");
        var (tenantB, _) = await platform.CreateTenantAsync("b");

        // There is no argument to name a tenant: asking with one is a validation error, not a way in.
        var response = await platform.Http.PostAsync(adminA, "query($t: ID!) { tenant(id: $t) { id } }", new { t = tenantB });
        var own = await platform.Http.PostAsync(adminA, "{ tenant { id } }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(tenantA, own.Data.GetProperty("tenant").GetProperty("id").GetString());
    }
}
