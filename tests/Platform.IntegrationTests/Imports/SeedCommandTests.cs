using Platform.Testing;
using Platform.Cli;
using Platform.Cli.Commands;
using Platform.IntegrationTests.Support;
using Platform.Simulation;
using Spectre.Console;

namespace Platform.IntegrationTests.Imports;

/// <summary>`platform seed`: the simulated shop through the public API reads back as the simulator made it.</summary>
public sealed class SeedCommandTests(PlatformWithWorker platform) : IClassFixture<PlatformWithWorker>
{
    [Fact]
    public async Task ASeededShopReadsBackAsSimulated()
    {
        var (_, admin) = await platform.CreateTenantAsync("seed");
        var options = new WorldOptions(Seed: 11, Users: 120);
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output) });
        using var http = new HttpClient();
        var client = new GraphQLClient(http, platform.Node.GraphQLUri);
        var folder = Directory.CreateTempSubdirectory("seed-").FullName;

        var exitCode = await new SeedCommand(client, new ImportCommand(http, platform.Node.GraphQLUri, client, console), console).RunAsync(admin, options, folder, CancellationToken.None);

        Expect.Equal(0, exitCode, output.ToString());
        var world = new SimulatedWorld(options);
        var story = world.Story(5);
        var profile = (await platform.Http.PostAsync(admin, "query($id: ID!) { user(id: $id) { purchases attributes { age region tags } campaigns { campaignId } } }", new { id = story.User.Id })).Data.GetProperty("user");
        Assert.Equal(story.Events.Count(e => e.Type == "PURCHASE"), profile.GetProperty("purchases").GetInt64());
        Assert.Equal(story.User.Age, profile.GetProperty("attributes").GetProperty("age").GetInt32());
        Assert.Contains("experiment:spring-sale", profile.GetProperty("attributes").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var touched = story.Events.Where(e => e.CampaignId is not null).Select(e => e.CampaignId).Distinct().Order().ToList();
        Assert.Equal(touched, profile.GetProperty("campaigns").EnumerateArray().Select(c => c.GetProperty("campaignId").GetString()).Order().ToList());

        var ended = (await platform.Http.PostAsync(admin, "{ campaigns(status: ENDED) { nodes { id source holdoutShare } } }")).Data.GetProperty("campaigns").GetProperty("nodes");
        Assert.Equal(
            world.Campaigns.SelectMany(plan => plan.Arms.Select(plan.CampaignId)).Order(),
            ended.EnumerateArray().Select(c => c.GetProperty("id").GetString()).Order());
        Assert.All(ended.EnumerateArray(), c => Assert.Equal("IMPORTED", c.GetProperty("source").GetString()));

        var summary = (await platform.Http.PostAsync(admin, "{ audienceSummary(audience: { tags: [\"experiment:spring-sale\"] }) { users } }")).Data;
        Assert.Equal(120, summary.GetProperty("audienceSummary").GetProperty("users").GetInt64());
        Assert.True(File.Exists(Path.Combine(folder, "truth-spring-sale.csv")));
        Assert.Contains("planted vs observed", output.ToString());
        Directory.Delete(folder, recursive: true);
    }
}
