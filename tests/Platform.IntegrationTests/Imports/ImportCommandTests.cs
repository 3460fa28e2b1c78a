using System.Text;
using Platform.Cli;
using Platform.Cli.Commands;
using Platform.IntegrationTests.Support;
using Spectre.Console;

namespace Platform.IntegrationTests.Imports;

/// <summary>`platform import` against a running gateway and worker: upload, follow, summary, exit code.</summary>
public sealed class ImportCommandTests(PlatformWithWorker platform) : IClassFixture<PlatformWithWorker>
{
    [Fact]
    public async Task AnImportIsFollowedToItsSummary()
    {
        var (_, admin) = await platform.CreateTenantAsync("cli");
        var file = Path.Combine(Path.GetTempPath(), $"users-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "id,age\nu1,30\nu2,old\nu3,41\n");
        var (command, output) = Command();

        var exitCode = await command.RunAsync(admin, "users", file, optionsPath: null, CancellationToken.None);

        File.Delete(file);
        Assert.Equal(0, exitCode);
        var text = output.ToString();
        Assert.Contains("3 lines", text);
        Assert.Contains("SUCCEEDED", text);
        Assert.Matches(@"3\s*│\s*2\s*│\s*0\s*│\s*1\s*│\s*0", text); // read, accepted, duplicate, rejected, dropped
        Assert.Contains("not_integer", text);
    }

    [Fact]
    public async Task InvalidOptionsNameTheFieldAndNothingIsQueued()
    {
        var (_, admin) = await platform.CreateTenantAsync("cli");
        var file = Path.Combine(Path.GetTempPath(), $"users-{Guid.NewGuid():N}.csv");
        var options = file + ".json";
        await File.WriteAllTextAsync(file, "id\nu1\n");
        await File.WriteAllTextAsync(options, """{ "delimiter": "x" }""");
        var (command, _) = Command();

        var error = await Assert.ThrowsAsync<GraphQLClientException>(() => command.RunAsync(admin, "users", file, options, CancellationToken.None));

        File.Delete(file);
        File.Delete(options);
        Assert.Equal("INVALID_ARGUMENT", error.Code);
        Assert.Contains("(options.delimiter)", error.Message);
    }

    private (ImportCommand Command, StringWriter Output) Command()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        var http = new HttpClient();
        var command = new ImportCommand(http, platform.Node.GraphQLUri, new GraphQLClient(http, platform.Node.GraphQLUri), console)
        {
            PollInterval = TimeSpan.FromMilliseconds(100),
        };
        return (command, output);
    }
}
