using System.CommandLine;
using System.CommandLine.Help;
using Platform.Cli;

namespace Platform.IntegrationTests.Cli;

/// <summary>The command tree parses what ./platform passes it; no gateway needed.</summary>
public sealed class CliParsingTests
{
    [Fact]
    public void AnHttpUrlParses()
    {
        var parse = new CliApp(new HttpClient()).Build().Parse(["bootstrap", "--url", "http://127.0.0.1:15080/graphql"]);

        Assert.Empty(parse.Errors);
        Assert.Equal(new Uri("http://127.0.0.1:15080/graphql"), parse.GetValue(CliOptions.Url));
    }

    [Theory]
    [InlineData("online_retail_II.xlsx", null, """{"format":"EXCEL"}""")]
    [InlineData("Books.jsonl.gz", """{"sheet":null,"events":{}}""", """{"sheet":null,"events":{},"format":"JSON_LINES"}""")]
    [InlineData("legacy.XLS", null, """{"format":"EXCEL"}""")]
    [InlineData("ratings.csv", null, null)]
    [InlineData("orders.xlsx", """{"format":"CSV"}""", """{"format":"CSV"}""")]
    public void AnImportsFormatComesFromTheFilesNameWhenTheOptionsNameNone(string file, string? options, string? sent) =>
        Assert.Equal(sent, Platform.Cli.Commands.ImportCommand.WithFormatOfName(file, options is null ? null : System.Text.Json.Nodes.JsonNode.Parse(options))?.ToJsonString());

    [Fact]
    public void ASecondNodeParses()
    {
        var parse = new CliApp(new HttpClient()).Build().Parse(["bench", "ingest", "--second-node", "http://127.0.0.1:5081/graphql"]);

        Assert.Empty(parse.Errors);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://host/graphql")]
    public void AnythingElseIsAUsageErrorNamingTheOption(string url)
    {
        var parse = new CliApp(new HttpClient()).Build().Parse(["bootstrap", "--url", url]);

        Assert.Contains(parse.Errors, error => error.Message.StartsWith("--url must be an absolute http(s) URL"));
    }

    [Theory]
    [InlineData("soak --minutes 3", "--minutes must be at least 4")]
    [InlineData("soak --events 5001", "--events must be at most 5,000")]
    [InlineData("soak --reads 0", "--reads must be at least 1")]
    [InlineData("abuse --flood 5001", "--flood must be at most 5,000")]
    [InlineData("abuse --seconds 0", "--seconds must be at least 1")]
    [InlineData("ingest --second-node 127.0.0.1:5081", "--second-node must be an absolute http(s) URL")]
    [InlineData("ingest --second-node http://127.0.0.1:5080/graphql", "--second-node must be another node than --url")]
    [InlineData("ingest --url http://10.0.0.2:80/graphql --second-node http://10.0.0.2:80/graphql", "--second-node must be another node than --url")]
    public void ABenchOutOfRangeIsRefusedBeforeItRuns(string arguments, string error)
    {
        var parse = new CliApp(new HttpClient()).Build().Parse(["bench", .. arguments.Split(' ')]);

        Assert.Contains(parse.Errors, e => e.Message.StartsWith(error, StringComparison.Ordinal));
    }

    public static TheoryData<string> Commands()
    {
        var paths = new TheoryData<string>();
        void Walk(Command command, string path)
        {
            paths.Add(path);
            foreach (var sub in command.Subcommands)
            {
                Walk(sub, (path + " " + sub.Name).Trim());
            }
        }

        Walk(new CliApp(new HttpClient()).Build(), "");
        return paths;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryCommandAnswersHelp(string path)
    {
        var parse = new CliApp(new HttpClient()).Build().Parse([.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.IsType<HelpAction>(parse.Action);
    }
}
