using System.Net;
using System.Text;
using Platform.IntegrationTests.Support;
using Platform.Testing;

namespace Platform.IntegrationTests.Transport;

/// <summary>Depth, complexity and size limits, set low for this class so the small schema can reach them.</summary>
public sealed class LimitsTests(LimitsTests.TightLimits platform) : IClassFixture<LimitsTests.TightLimits>
{
    [Fact]
    public async Task AQueryNestedDeeperThanTheLimitIsRejected()
    {
        var (_, admin) = await platform.CreateTenantAsync();

        var response = await platform.Http.PostAsync(admin, "{ tenant { settings { requestsPerSecond } } }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["QUERY_TOO_DEEP"], response.ErrorCodes);
    }

    [Fact]
    public async Task AQueryOverTheComplexityLimitIsRejected()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var aliases = string.Join(" ", Enumerable.Range(0, 41).Select(i => $"s{i}: audienceSummary(audience: {{ all: true }}) {{ users }}"));

        var response = await platform.Http.PostAsync(admin, $"{{ {aliases} }}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotNull(Assert.Single(response.ErrorCodes));
        Assert.Contains("complexity", response.FirstError.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StandardIntrospectionPassesTheLimits()
    {
        var (_, admin) = await platform.CreateTenantAsync();

        var response = await platform.Http.PostAsync(admin, IntrospectionQuery.Text);

        response.AssertSuccess();
        Assert.Equal("Query", response.Data.GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnOversizedBodyIs413()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var padding = new StringBuilder().Append(' ', 70_000).ToString();

        var response = await platform.Http.SendRawAsync(admin, $$"""{"query": "{ tenant { id } }{{padding}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal(["REQUEST_TOO_LARGE"], response.ErrorCodes);
    }

    public sealed class TightLimits : PlatformFixture
    {
        protected override IReadOnlyDictionary<string, string> Overrides { get; } = new Dictionary<string, string>
        {
            ["Platform:GraphQL:MaxDepth"] = "2",
            ["Platform:GraphQL:MaxComplexity"] = "60",
            ["Platform:GraphQL:MaxRequestBytes"] = "65536",
        };
    }
}
