using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Platform.Cli.Bench;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Operations;

/// <summary>Health, metrics and the guarded Hangfire dashboard.</summary>
public sealed class OperationsEndpointTests(PlatformFixture platform) : IClassFixture<PlatformFixture>, IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = platform.Node.BaseUri };

    [Fact]
    public async Task LivenessAndReadinessAreHealthy()
    {
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal("Healthy", await http.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task MetricsAreExposedInPrometheusFormat()
    {
        await http.PostAsync("/graphql", new StringContent("{}"));

        var metrics = await http.GetStringAsync("/metrics");

        Assert.Contains("# TYPE http_requests_received_total counter", metrics);
        Assert.Contains("platform_graphql_requests_total{transport=\"http\",outcome=\"401\"}", metrics);
    }

    [Fact]
    public async Task MetricsNameNoDatabaseConnection()
    {
        var (_, admin) = await platform.CreateTenantAsync(); // the database pools are busy
        var database = new Npgsql.NpgsqlConnectionStringBuilder(platform.Settings.ConnectionString);

        var metrics = await http.GetStringAsync("/metrics");

        Assert.DoesNotContain("Host=", metrics, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(database.Database!, metrics, StringComparison.Ordinal);
        Assert.DoesNotContain($"Username={database.Username}", metrics, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(admin, metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDashboardAsksForAKeyAndRefusesTenantKeys()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var merchant = await platform.CreateKeyAsync(admin, "MERCHANT");

        var anonymous = await http.GetAsync("/hangfire");
        var asMerchant = await GetDashboardAsync(merchant);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, asMerchant.StatusCode);
    }

    [Fact]
    public async Task OnlyTheSystemKeyOpensTheDashboard()
    {
        var (_, admin) = await platform.CreateTenantAsync();

        var asSystem = await GetDashboardAsync(platform.Settings.SystemKey);
        var asAdmin = await GetDashboardAsync(admin);

        Assert.Equal(HttpStatusCode.OK, asSystem.StatusCode);
        Assert.Contains("Platform jobs", await asSystem.Content.ReadAsStringAsync());
        // It lists every tenant's jobs with their exceptions: a tenant follows its own runs through GraphQL.
        Assert.Equal(HttpStatusCode.Unauthorized, asAdmin.StatusCode);
    }

    [Fact]
    public async Task OnlyTheSystemKeyReadsTheNodesHeapWithItsUserGrains()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, 3).Select(i => Events.View($"h{i}", $"heap-user-{i}", "sku-1", now)).ToArray();
        (await platform.Http.PostAsync(admin, Events.Ingest, new { events })).AssertSuccess();
        for (var i = 0; i < 3; i++)
        {
            (await platform.Http.PostAsync(admin, Events.Profile, new { id = $"heap-user-{i}" })).AssertSuccess();
        }

        var figures = await new NodeHeap(http, platform.Node.GraphQLUri, platform.Settings.SystemKey).ReadAsync(CancellationToken.None);
        using var asAdmin = new HttpRequestMessage(HttpMethod.Post, NodeHeapPath);
        asAdmin.Headers.Add("X-Api-Key", admin);
        var refused = await http.SendAsync(asAdmin);

        Assert.InRange(figures.LiveHeapBytes, 1, long.MaxValue);
        Assert.InRange(figures.UserGrains, 3, int.MaxValue);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync(NodeHeapPath, null)).StatusCode);
    }

    [Fact]
    public async Task TheBenchFindsEverySeriesItReadsInTheGatewaysMetrics()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        (await platform.Http.PostAsync(admin, "{ tenant { id } }")).AssertSuccess();

        var reading = await new GatewayRuntime(http, platform.Node.GraphQLUri).ReadAsync(CancellationToken.None);

        Assert.InRange(reading.Gateway.ServerBuckets[double.PositiveInfinity], 1, double.MaxValue);
        Assert.InRange(reading.Gateway.CpuSeconds, double.Epsilon, double.MaxValue);
        Assert.InRange(reading.Gateway.Gen0 + reading.Gateway.Gen1 + reading.Gateway.Gen2, 0, double.MaxValue);
    }

    private const string NodeHeapPath = "/operator/heap";

    public void Dispose() => http.Dispose();

    // What a browser sends after the Basic-auth prompt: any user name, the API key as the password.
    private async Task<HttpResponseMessage> GetDashboardAsync(string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"me:{apiKey}")));
        return await http.SendAsync(request);
    }
}
