using Platform.Testing;
using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Conformance;

/// <summary>Outside tools against the live gateway: the official GraphQL-over-HTTP audit and graphql-js introspection.</summary>
public sealed class GraphQLConformanceTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task TheGraphQLOverHttpAuditPassesEveryMustAndShould()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var report = Path.GetTempFileName();

        var (exitCode, output) = await NodeScripts.RunAsync("audit.mjs", new Dictionary<string, string?>
        {
            ["GRAPHQL_URL"] = platform.Node.GraphQLUri.ToString(),
            ["GRAPHQL_API_KEY"] = admin,
            ["REPORT_PATH"] = report,
        });

        Expect.Equal(0, exitCode, output);
        var counts = JsonDocument.Parse(File.ReadAllText(report)).RootElement.GetProperty("counts");
        Expect.Equal(0, counts.GetProperty("error").GetInt32(), output);
        Expect.Equal(0, counts.GetProperty("warn").GetInt32(), output);
    }

    [Fact]
    public async Task GraphQLJsBuildsAClientSchemaWithADescriptionOnEveryTypeAndField()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var schema = Path.GetTempFileName();

        var (exitCode, output) = await NodeScripts.RunAsync("introspect.mjs", new Dictionary<string, string?>
        {
            ["GRAPHQL_URL"] = platform.Node.GraphQLUri.ToString(),
            ["GRAPHQL_API_KEY"] = admin,
            ["SCHEMA_OUT"] = schema,
        });

        Expect.Equal(0, exitCode, output);
        var sdl = await File.ReadAllTextAsync(schema);
        Assert.Contains("type Query", sdl);
        Assert.Contains("systemCheckProgress", sdl);
    }
}
