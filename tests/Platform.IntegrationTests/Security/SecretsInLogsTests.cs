using System.Net;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Security;

/// <summary>No API key and no webhook secret reaches a gateway's log, even with every log level raised to Debug.</summary>
public sealed class SecretsInLogsTests
{
    [Fact]
    public async Task ASecretSentInAUrlIsNotLoggedEvenAtDebug()
    {
        var settings = await NodeSettings.CreateAsync("logs");
        await using var node = await GatewayProcess.StartAsync(settings, environment: new Dictionary<string, string?>
        {
            ["Logging__LogLevel__Default"] = "Debug",
            // Raising the request log itself, as an operator chasing a problem might: the gateway keeps it at Warning.
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Debug",
            ["Logging__Console__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Debug",
        });
        using var http = new GraphQLHttp(node.GraphQLUri);
        var (_, admin) = await Tenants.CreateAsync(http, settings.SystemKey, "logs");
        const string Secret = "whsec-in-a-url-0123456789abcdef";
        var mutation = $$"""mutation { createWebhook(input: { url: "https://hooks.example.com/in", events: [CAMPAIGN_KPIS], secret: "{{Secret}}" }) { id } }""";

        var overGet = await http.GetAsync(admin, mutation);
        var overPost = await http.PostAsync(admin, mutation);
        // The console logger writes in the background: wait for the routing log lines of both requests.
        await Eventually.ReadUntilAsync(() => Task.FromResult(node.Output), output => CountOf(output, "Executed endpoint") >= 3, TimeSpan.FromSeconds(15));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, overGet.Status);
        overPost.AssertSuccess();
        Assert.Contains("dbug:", node.Output, StringComparison.Ordinal); // the raised levels took effect
        Assert.DoesNotContain(Secret, node.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(admin, node.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(settings.SystemKey, node.Output, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
