using System.Globalization;
using Platform.Cli;
using Platform.Cli.Commands;
using Platform.Simulation;
using Spectre.Console;

// The ./platform script forwards every command it does not own here.
var options = CommandLine.Parse(args);
using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) }; // uploads of large files
var url = new Uri(options.Get("url") ?? Environment.GetEnvironmentVariable("PLATFORM_URL") ?? "http://127.0.0.1:5080/graphql");
var client = new GraphQLClient(http, url);
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 160; // logs keep whole table rows
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    return options.Command switch
    {
        "bootstrap" => await new BootstrapCommand(client, Console.Out).RunAsync(
            options.Get("keys") ?? ".platform/keys.json",
            options.Get("tenant") ?? "demo",
            options.Get("name") ?? "Demo Shop",
            cancel.Token),
        "import" when options.Arguments is [var kind, var file] => await new ImportCommand(http, url, client, AnsiConsole.Console).RunAsync(
            KeyFor("merchant"),
            kind,
            file,
            options.Get("options"),
            cancel.Token),
        "seed" => await new SeedCommand(client, new ImportCommand(http, url, client, AnsiConsole.Console), AnsiConsole.Console).RunAsync(
            KeyFor("admin"), World(), options.Get("out") ?? ".platform/demo", cancel.Token),
        "stream" => await new StreamCommand(client, Console.Out).RunAsync(
            KeyFor("merchant"), World(), double.Parse(options.Get("rate") ?? "2", CultureInfo.InvariantCulture), cancel.Token),
        _ => CommandLine.PrintHelp(Console.Error),
    };
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    return 130;
}
catch (Exception exception) when (exception is GraphQLClientException or HttpRequestException or InvalidOperationException or FormatException or ArgumentException)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    return 1;
}

string KeyFor(string role) => options.Get("key") ?? KeysFile.Key(options.Get("keys") ?? ".platform/keys.json", options.Get("tenant") ?? "demo", role);

WorldOptions World() => new(
    Seed: int.Parse(options.Get("seed") ?? "7", CultureInfo.InvariantCulture),
    Shoppers: int.Parse(options.Get("shoppers") ?? Environment.GetEnvironmentVariable("PLATFORM_DEMO_SHOPPERS") ?? "20000", CultureInfo.InvariantCulture));
