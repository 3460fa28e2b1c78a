using Platform.Cli;
using Platform.Cli.Commands;
using Platform.Simulation;
using Platform.Testing;
using Spectre.Console;

namespace Platform.IntegrationTests.Support;

/// <summary>Seeds a tenant with a simulated shop through the public API, as `platform seed` does.</summary>
public static class SimulatedShop
{
    public static async Task SeedAsync(PlatformWithWorker platform, string admin, WorldOptions options)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output) });
        using var http = new HttpClient();
        var client = new GraphQLClient(http, platform.Node.GraphQLUri);
        var folder = Directory.CreateTempSubdirectory("shop-").FullName;
        var exitCode = await new SeedCommand(client, new ImportCommand(http, platform.Node.GraphQLUri, client, console), console).RunAsync(admin, options, folder, CancellationToken.None);
        Expect.Equal(0, exitCode, output.ToString());
        Directory.Delete(folder, recursive: true);
    }
}
