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
    [InlineData("not a url")]
    [InlineData("ftp://host/graphql")]
    public void AnythingElseIsAUsageErrorNamingTheOption(string url)
    {
        var parse = new CliApp(new HttpClient()).Build().Parse(["bootstrap", "--url", url]);

        Assert.Contains(parse.Errors, error => error.Message.StartsWith("--url must be an absolute http(s) URL"));
    }
}
