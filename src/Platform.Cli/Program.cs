using System.Globalization;
using Platform.Cli;
using Platform.Cli.Commands;
using Platform.Simulation;
using Platform.Storage.Database;
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
            KeysPath(),
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
        "bench" when options.Arguments is ["ingest"] => await new BenchCommand(http, url, client, AnsiConsole.Console).RunAsync(
            KeysFile.SystemKey(KeysPath()),
            DatabaseUrl.Resolve(null),
            new BenchCommand.Settings(
                Shoppers: Number("shoppers", 10_000),
                Rate: Number("rate", 500),
                LatencySeconds: Number("seconds", 20),
                AudienceShoppers: Number("audience", 100_000)),
            options.Get("out") ?? Path.Combine(Environment.GetEnvironmentVariable("PLATFORM_ROOT") ?? ".", "docs", "benchmarks.md"),
            cancel.Token),
        "bench" when options.Arguments is ["campaigns"] => await new CampaignBenchCommand(http, url, client, AnsiConsole.Console).RunAsync(
            KeysFile.SystemKey(KeysPath()),
            Number("shoppers", 25_000),
            options.Get("out") ?? Path.Combine(Environment.GetEnvironmentVariable("PLATFORM_ROOT") ?? ".", "docs", "benchmarks.md"),
            cancel.Token),
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

string KeysPath() => options.Get("keys") ?? Environment.GetEnvironmentVariable("PLATFORM_KEYS") ?? ".platform/keys.json";

string KeyFor(string role) => options.Get("key") ?? KeysFile.Key(KeysPath(), options.Get("tenant") ?? "demo", role);

int Number(string name, int fallback) => options.Get(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

WorldOptions World() => new(
    Seed: Number("seed", 7),
    Shoppers: Number("shoppers", int.Parse(Environment.GetEnvironmentVariable("PLATFORM_DEMO_SHOPPERS") ?? "20000", CultureInfo.InvariantCulture)));
