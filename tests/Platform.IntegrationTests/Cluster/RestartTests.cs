using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Cluster;

public sealed class RestartTests
{
    [Fact]
    public async Task ARestartedNodeLosesNoTenantState()
    {
        var settings = await NodeSettings.CreateAsync("restart");
        string admin;
        string tenantId;
        await using (var first = await GatewayNode.StartAsync(settings))
        {
            using var http = new GraphQLHttp(first.GraphQLUri);
            (tenantId, admin) = await Tenants.CreateAsync(http, settings.SystemKey);
            (await http.PostAsync(settings.SystemKey, Tenants.SetRateLimit, new { tenant = tenantId, perSecond = 77 })).AssertSuccess();
        }

        await using var second = await GatewayNode.StartAsync(settings);
        using var again = new GraphQLHttp(second.GraphQLUri);
        var response = await again.PostAsync(admin, "{ tenant { id name settings { requestsPerSecond } } }");

        response.AssertSuccess();
        var tenant = response.Data.GetProperty("tenant");
        Assert.Equal(tenantId, tenant.GetProperty("id").GetString());
        Assert.Equal($"Shop {tenantId}", tenant.GetProperty("name").GetString());
        Assert.Equal(77, tenant.GetProperty("settings").GetProperty("requestsPerSecond").GetInt32());
    }
}
