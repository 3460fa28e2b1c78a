using System.IO.Compression;
using System.Text.Json;
using Platform.IntegrationTests.Campaigns;
using Platform.IntegrationTests.Support;
using Platform.Testing;

namespace Platform.IntegrationTests.Console;

/// <summary>
/// The web console in a real browser (Debian's Chromium driven by playwright-core, tests/js/console.mjs) against a
/// real gateway and worker: sign-in, audience charts, a segment saved, a live profile, the KPI chart following ingested
/// events, field messages of a broken design, a draft edited and a running campaign's locked fields, an experiment
/// imported through the mapping form with column policies, an uplift model trained from the models page, a schedule
/// saved, a forecast, a webhook registered, disabled and enabled, and a PARTNER refused an edit. Screenshots go to
/// artifacts/console-screenshots.
/// </summary>
public sealed class ConsoleBrowserTests(PlatformWithWorker platform) : IClassFixture<PlatformWithWorker>
{
    [Fact]
    public async Task TheConsoleWorksInARealBrowser()
    {
        var (_, admin) = await platform.CreateTenantAsync("console");
        var partner = await platform.CreateKeyAsync(admin, "PARTNER");
        var now = DateTimeOffset.UtcNow;
        var history = Enumerable.Range(0, 30).SelectMany(i => new[]
        {
            Events.View($"v{i}", $"user-{i}", $"sku-{i % 4}", now.AddDays(-i % 20), category: $"cat-{i % 3}"),
            Events.Purchase($"p{i}", $"user-{i}", 20 + i, now.AddDays(-i % 20).AddMinutes(5)),
        }).ToArray();
        (await platform.Http.PostAsync(admin, Events.Ingest, new { events = history })).AssertSuccess();
        var design = CampaignApiTests.Design(now.AddHours(-1), now.AddDays(7), new { holdoutShare = 0 });
        var campaignId = (await platform.Http.FieldAsync(admin, CampaignApiTests.Create, new { d = design }, "createCampaign")).GetProperty("id").GetString();
        await platform.Http.FieldAsync(admin, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id = campaignId }, "launchCampaign");
        var report = Path.GetTempFileName();
        var experiment = Path.Combine(Path.GetTempPath(), $"console-{Guid.NewGuid():N}.csv.gz"); // gzip: the page reads its header decompressed
        var brokenRow = ",30,2,1,0,0\n"u8.ToArray(); // no user id: rejected, listed on the imports page
        await using (var gzip = new GZipStream(File.Create(experiment), CompressionLevel.Fastest))
        {
            await gzip.WriteAsync((byte[])[.. SyntheticExperiment.Csv(3000), .. brokenRow]);
        }

        var (exitCode, output) = await NodeScripts.RunAsync("console.mjs", new Dictionary<string, string?>
        {
            ["CONSOLE_URL"] = platform.Node.BaseUri.ToString(),
            ["ADMIN_KEY"] = admin,
            ["PARTNER_KEY"] = partner,
            ["CAMPAIGN_ID"] = campaignId,
            ["USER_ID"] = "user-3",
            ["IMPORT_CSV"] = experiment,
            ["SCREENSHOTS"] = Path.Combine(RepositoryPaths.Root, "artifacts", "console-screenshots"),
            ["REPORT_PATH"] = report,
        }, TimeSpan.FromMinutes(8));

        Expect.Equal(0, exitCode, $"{output}\nworker output:\n{platform.Worker.Output}");
        var steps = JsonDocument.Parse(File.ReadAllText(report)).RootElement.GetProperty("steps");
        Assert.Equal(22, steps.GetArrayLength());
        Assert.All(steps.EnumerateArray(), s => Assert.True(s.GetProperty("ok").GetBoolean(), s.ToString()));
    }

    [Fact]
    public async Task TheConsoleIsServedAtTheRootWithAPolicyThatAllowsOnlyItsOwnOrigin()
    {
        using var http = new HttpClient { BaseAddress = platform.Node.BaseUri };

        var page = await http.GetAsync("/");
        var script = await http.GetAsync("/console.js");

        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/console.js", await page.Content.ReadAsStringAsync());
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(System.Net.HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ABrowserOpeningGraphQLGetsTheExplorerWhileEveryQueryStillGetsTheApi()
    {
        using var http = new HttpClient { BaseAddress = platform.Node.BaseUri };
        http.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");

        var explorer = await http.GetAsync("/graphql");
        var query = await http.GetAsync("/graphql?query=%7B__typename%7D");

        Assert.Equal(System.Net.HttpStatusCode.OK, explorer.StatusCode);
        Assert.Equal("text/html", explorer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/explorer/explorer.js", await explorer.Content.ReadAsStringAsync());
        Assert.Contains("style-src 'self' 'unsafe-inline'", explorer.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, query.StatusCode); // the API: no key
    }

    [Theory]
    [InlineData("text/html; q=\"")]
    [InlineData("text/html, ;;, ===")]
    [InlineData("\u0001text/html")]
    public async Task AMalformedAcceptGetsAnAnswerNotAServerError(string accept)
    {
        using var http = new HttpClient { BaseAddress = platform.Node.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await http.SendAsync(request);

        Assert.True((int)response.StatusCode < 500, $"{response.StatusCode} for Accept: {accept}");
    }
}
