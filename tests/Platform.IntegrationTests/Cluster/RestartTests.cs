using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Cluster;

public sealed class RestartTests
{
    [Fact]
    public async Task ProfilesAreRebuiltFromTheLogAfterARestart()
    {
        var settings = await NodeSettings.CreateAsync("replay");
        string merchant;
        var now = DateTimeOffset.UtcNow;
        await using (var first = await GatewayNode.StartAsync(settings))
        {
            using var http = new GraphQLHttp(first.GraphQLUri);
            (_, merchant) = await Tenants.CreateAsync(http, settings.SystemKey);
            var batch = Enumerable.Range(0, 7).Select(i => Events.Purchase($"p{i}", "carol", 10m, now.AddDays(-i))).ToArray();
            (await http.PostAsync(merchant, Events.Ingest, new { events = batch })).AssertSuccess();
        }

        await using var second = await GatewayNode.StartAsync(settings);
        using var again = new GraphQLHttp(second.GraphQLUri);
        var profile = (await again.PostAsync(merchant, Events.Profile, new { id = "carol" })).Data.GetProperty("user");

        Assert.Equal(7, profile.GetProperty("purchases").GetInt64());
        Assert.Equal(70m, profile.GetProperty("revenue").GetDecimal());
        Assert.Equal(7, profile.GetProperty("appliedSequence").GetInt64());
    }

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
