using System.IO.Compression;
using System.Text;
using Platform.Cli;
using Platform.Cli.Commands;
using Platform.IntegrationTests.Support;
using Platform.Testing;
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
        Assert.Matches(@"3\s*│\s*2\s*│\s*0\s*│\s*0\s*│\s*1\s*│\s*0", text); // read, accepted, unchanged, duplicate, rejected, dropped
        Assert.Contains("not_integer", text);
    }

    [Fact]
    public async Task AGzipFileWithoutAHeaderLineIsCountedAsTheWorkerReadsIt()
    {
        var (_, admin) = await platform.CreateTenantAsync("cligz");
        var file = Path.Combine(Path.GetTempPath(), $"users-{Guid.NewGuid():N}.csv.gz");
        var options = Path.Combine(Path.GetTempPath(), $"options-{Guid.NewGuid():N}.json");
        await using (var gzip = new GZipStream(File.Create(file), CompressionLevel.Fastest))
        {
            await gzip.WriteAsync("u1::30\nu2::41\nu3::52\nu4::63\n"u8.ToArray());
        }

        await File.WriteAllTextAsync(options, """{ "delimiter": "::", "columnNames": ["id", "age"] }""");
        var (command, output) = Command();

        var exitCode = await command.RunAsync(admin, "users", file, options, CancellationToken.None);

        File.Delete(file);
        File.Delete(options);
        Assert.Equal(0, exitCode);
        var text = output.ToString();
        Assert.Contains("(4 lines)", text);
        Assert.Matches(@"4\s*│\s*4\s*│\s*0\s*│\s*0\s*│\s*0\s*│\s*0", text); // read, accepted, unchanged, duplicate, rejected, dropped
    }

    [SkippableFact]
    public async Task TheArteaExperimentImportsWithTheExampleOptionsAndPrintsItsReadmeFigures()
    {
        var file = Path.Combine(RepositoryPaths.Root, "..", "shared", "data", "artea", "a_b-experiment.csv");
        Skip.IfNot(File.Exists(file), $"{file} is not here: the shared data folder sits beside the checkout in CI.");
        var (_, admin) = await platform.CreateTenantAsync("cli");
        var (command, output) = Command();

        var exitCode = await command.RunAsync(admin, "experiment", file, Path.Combine(RepositoryPaths.Root, "docs", "examples", "artea-experiment.json"), CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"TREATMENT\s*│\s*2,502\s*│\s*310\s*│\s*380\s*│\s*15\.19\s*%\s*│[^│]*│\s*7\.54", output.ToString());
        Assert.Matches(@"CONTROL\s*│\s*2,498\s*│\s*267\s*│\s*314\s*│\s*12\.57\s*%\s*│[^│]*│\s*7\.78", output.ToString());
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
