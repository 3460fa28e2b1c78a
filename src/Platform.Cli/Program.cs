using Platform.Cli;
using Platform.Cli.Commands;
using Spectre.Console;

// The ./platform script forwards every command it does not own here.
var options = CommandLine.Parse(args);
using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) }; // uploads of large files
var url = new Uri(options.Get("url") ?? Environment.GetEnvironmentVariable("PLATFORM_URL") ?? "http://127.0.0.1:5080/graphql");
var client = new GraphQLClient(http, url);
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
            options.Get("key") ?? KeysFile.MerchantKey(options.Get("keys") ?? ".platform/keys.json", options.Get("tenant") ?? "demo"),
            kind,
            file,
            options.Get("options"),
            cancel.Token),
        _ => CommandLine.PrintHelp(Console.Error),
    };
}
catch (Exception exception) when (exception is GraphQLClientException or HttpRequestException or InvalidOperationException)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    return 1;
}
