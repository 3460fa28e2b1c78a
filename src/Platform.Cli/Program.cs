using System.CommandLine;
using Platform.Cli;
using Spectre.Console;

// The ./platform script forwards every command it does not own here. Exit codes: 0 success, 1 failure, 2 usage.
using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) }; // uploads of large files
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 160; // logs keep whole table rows
}

var parse = new CliApp(http).Build().Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine($"Run ./platform {string.Join(' ', parse.CommandResult.Command.Name == "platform-cli" ? [] : CommandPath(parse.CommandResult))} --help for usage.".Replace("  ", " ", StringComparison.Ordinal));
    return 2;
}

try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OperationCanceledException)
{
    return 130;
}
catch (Exception exception) when (exception is GraphQLClientException or HttpRequestException or InvalidOperationException or FormatException or IOException or InvalidDataException)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    return 1;
}

static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult result)
{
    var names = new Stack<string>();
    for (var current = result; current.Parent is System.CommandLine.Parsing.CommandResult parent; current = parent)
    {
        names.Push(current.Command.Name);
    }

    return names;
}
