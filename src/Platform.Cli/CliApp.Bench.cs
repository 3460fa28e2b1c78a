using System.CommandLine;
using System.CommandLine.Parsing;
using Platform.Cli.Commands;
using Platform.Storage.Database;
using Spectre.Console;

namespace Platform.Cli;

/// <summary>The `bench` commands of ./platform (docs/cli.md, docs/benchmarks.md).</summary>
public sealed partial class CliApp
{
    private Command BenchIngest()
    {
        var users = new Option<int>("--users") { Description = "Simulated users whose events are ingested.", DefaultValueFactory = _ => 10_000 };
        var rate = new Option<int>("--rate") { Description = "user(id) requests a second.", DefaultValueFactory = _ => 500 };
        var seconds = new Option<int>("--seconds") { Description = "Length of the user(id) run.", DefaultValueFactory = _ => 20 };
        var audience = new Option<int>("--audience") { Description = "Users in the audienceSummary run.", DefaultValueFactory = _ => 100_000 };
        var via = Via("graphql: ingestEvents only; segment: also the same events through the tracker source, compared with ingestEvents.");
        var secondNode = new Option<Uri?>("--second-node")
        {
            Description = "The GraphQL endpoint of a second gateway node of the same cluster (./platform up --nodes 2: http://127.0.0.1:5081/graphql): a further warm pass sends half the clients to it.",
            CustomParser = CliOptions.HttpUrl,
        };
        var command = new Command("ingest", "Ingest (cold and warm) against a binary COPY, user(id) latency, audienceSummary and memory per profile, in a fresh tenant.")
        {
            users, rate, seconds, audience, via, secondNode, CliOptions.Report,
        };
        command.Validators.Add(result =>
        {
            // The same node twice would count its heap twice and measure one node as two.
            if (result.GetResult(secondNode) is { Implicit: false } given && ParsedUrl(given) is { } second && second == FirstNode(result))
            {
                result.AddError("--second-node must be another node than --url.");
            }
        });
        command.SetAction((parse, cancel) => new BenchCommand(http, parse.GetValue(CliOptions.Url)!, Client(parse), AnsiConsole.Console).RunAsync(
            KeysFile.SystemKey(parse.GetValue(CliOptions.Keys)!),
            DatabaseUrl.Resolve(null),
            new BenchCommand.Settings(parse.GetValue(users), parse.GetValue(rate), parse.GetValue(seconds), parse.GetValue(audience), parse.GetValue(via) == "segment", parse.GetValue(secondNode)),
            parse.GetValue(CliOptions.Report)!,
            cancel));
        return command;
    }

    // --url is the root command's option: a subcommand's validator finds it given or, when not, takes its default.
    private static Uri? FirstNode(CommandResult result) =>
        result.GetResult(CliOptions.Url) is { } given ? ParsedUrl(given) : CliOptions.Url.DefaultValueFactory!(null!);

    // Reading a value that did not parse throws; that option's own error is reported instead.
    private static Uri? ParsedUrl(OptionResult option)
    {
        try
        {
            return option.GetValueOrDefault<Uri?>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private Command BenchImport()
    {
        var rows = new Option<int>("--rows") { Description = "Events in each shape's history.", DefaultValueFactory = _ => 1_000_000 };
        var wide = new Option<int>("--many-shoppers") { Description = "Shoppers of the first shape.", DefaultValueFactory = _ => 200_000 };
        var narrow = new Option<int>("--few-shoppers") { Description = "Shoppers of the second shape.", DefaultValueFactory = _ => 1_000 };
        var command = new Command("import", "A generated history imported as CSV in two shapes (many shoppers, few shoppers): rows/s, time until profiles are exact, worker memory.")
        {
            rows, wide, narrow, CliOptions.Report,
        };
        command.Validators.Add(result =>
        {
            if (new[] { rows, wide, narrow }.FirstOrDefault(o => result.GetResult(o) is { Implicit: false } given && given.GetValueOrDefault<int>() < 1) is { } zero)
            {
                result.AddError($"{zero.Name} must be at least 1.");
            }
        });
        command.SetAction((parse, cancel) => new ImportBenchCommand(http, parse.GetValue(CliOptions.Url)!, Client(parse), Importer(parse), AnsiConsole.Console).RunAsync(
            KeysFile.SystemKey(parse.GetValue(CliOptions.Keys)!),
            DatabaseUrl.Resolve(null),
            WorkerPid(parse.GetValue(CliOptions.Keys)!),
            new ImportBenchCommand.Settings(parse.GetValue(rows), parse.GetValue(wide), parse.GetValue(narrow)),
            parse.GetValue(CliOptions.Report)!,
            cancel));
        return command;
    }

    /// <summary>The worker `./platform up` started: its pid file lies beside the keys file.</summary>
    private static int? WorkerPid(string keysPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(keysPath))!, "worker.pid") is var file && File.Exists(file)
            && int.TryParse(File.ReadAllText(file).Trim(), out var pid) ? pid : null;

    private Command BenchCampaigns()
    {
        var users = new Option<int>("--users") { Description = "Users in the hot campaign.", DefaultValueFactory = _ => 25_000 };
        var command = new Command("campaigns", "One hot campaign: campaign events ingested per second and the time until its KPIs are exact.") { users, CliOptions.Report };
        command.SetAction((parse, cancel) => new CampaignBenchCommand(http, parse.GetValue(CliOptions.Url)!, Client(parse), AnsiConsole.Console)
            .RunAsync(KeysFile.SystemKey(parse.GetValue(CliOptions.Keys)!), parse.GetValue(users), parse.GetValue(CliOptions.Report)!, cancel));
        return command;
    }

    private Command BenchSoak()
    {
        var minutes = new Option<int>("--minutes") { Description = "Length of the run (at least 4: a 2-minute warm-up, then a minute to compare with the last).", DefaultValueFactory = _ => 10 };
        var users = new Option<int>("--users") { Description = "Users the load spreads over.", DefaultValueFactory = _ => 2_000 };
        var reads = new Option<int>("--reads") { Description = "user(id) requests a second.", DefaultValueFactory = _ => 100 };
        var events = new Option<int>("--events") { Description = "Events a second, in one ingestEvents call (at most 5,000).", DefaultValueFactory = _ => 500 };
        var command = new Command("soak", "Minutes of steady reads and writes on one node: does its memory, thread-pool queue or read latency drift? (docs/reliability.md#soak)")
        {
            minutes, users, reads, events, CliOptions.Report,
        };
        command.Validators.Add(result =>
        {
            int? Given(Option<int> option) => GivenValue(result, option);
            if (Given(minutes) < 4)
            {
                result.AddError("--minutes must be at least 4 (memory compares the minute after a 2-minute warm-up with the last).");
            }

            if (new[] { users, reads, events }.FirstOrDefault(o => Given(o) < 1) is { } zero)
            {
                result.AddError($"{zero.Name} must be at least 1.");
            }

            if (Given(events) > 5_000)
            {
                result.AddError("--events must be at most 5,000 (one ingestEvents call a second).");
            }
        });
        command.SetAction((parse, cancel) => new SoakBenchCommand(http, parse.GetValue(CliOptions.Url)!, Client(parse), AnsiConsole.Console).RunAsync(
            KeysFile.SystemKey(parse.GetValue(CliOptions.Keys)!),
            new SoakBenchCommand.Settings(parse.GetValue(minutes), parse.GetValue(users), parse.GetValue(reads), parse.GetValue(events)),
            parse.GetValue(CliOptions.Report)!,
            cancel));
        return command;
    }

    private Command BenchAbuse()
    {
        var seconds = new Option<int>("--seconds") { Description = "Length of each run (alone, then during the flood).", DefaultValueFactory = _ => 30 };
        var flood = new Option<int>("--flood") { Description = "The flooding tenant's requests a second (its limit is 200).", DefaultValueFactory = _ => 2_000 };
        var reads = new Option<int>("--reads") { Description = "The other tenant's user(id) requests a second.", DefaultValueFactory = _ => 100 };
        var command = new Command("abuse", "One tenant floods a node past its rate limit: the other tenant's read latency during the flood against alone. (docs/reliability.md#abuse-budget)")
        {
            seconds, flood, reads, CliOptions.Report,
        };
        command.Validators.Add(result =>
        {
            int? Given(Option<int> option) => GivenValue(result, option);
            if (new[] { seconds, flood, reads }.FirstOrDefault(o => Given(o) < 1) is { } zero)
            {
                result.AddError($"{zero.Name} must be at least 1.");
            }

            if (Given(flood) > 5_000 || Given(seconds) > 300)
            {
                result.AddError("--flood must be at most 5,000 requests/s and --seconds at most 300: the flood is bounded.");
            }
        });
        command.SetAction((parse, cancel) => new AbuseBenchCommand(http, parse.GetValue(CliOptions.Url)!, Client(parse), AnsiConsole.Console).RunAsync(
            KeysFile.SystemKey(parse.GetValue(CliOptions.Keys)!),
            new AbuseBenchCommand.Settings(parse.GetValue(seconds), parse.GetValue(flood), parse.GetValue(reads)),
            parse.GetValue(CliOptions.Report)!,
            cancel));
        return command;
    }

    private Command BenchServe()
    {
        var users = new Option<int>("--users") { Description = "Simulated users seeded (and again ingested beside the second recommendations run).", DefaultValueFactory = _ => 5_000 };
        var campaigns = new Option<int>("--campaigns") { Description = "Running campaigns every user is eligible for.", DefaultValueFactory = _ => 200 };
        var rate = new Option<int>("--rate") { Description = "recommendations requests a second.", DefaultValueFactory = _ => 300 };
        var seconds = new Option<int>("--seconds") { Description = "Length of each recommendations run.", DefaultValueFactory = _ => 20 };
        var audience = new Option<int>("--audience") { Description = "Users in the forecast and optimizer runs.", DefaultValueFactory = _ => 100_000 };
        var designs = new Option<int>("--designs") { Description = "Designs the optimizer searches (a multiple of 12).", DefaultValueFactory = _ => 48 };
        var command = new Command("serve", "recommendations latency with many running campaigns (alone and beside ingest), forecast and optimizeCampaign over a large audience, each beside the bare model forward pass.")
        {
            users, campaigns, rate, seconds, audience, designs, Worker, CliOptions.Report,
        };
        command.Validators.Add(result =>
        {
            int? Given(Option<int> option) => GivenValue(result, option);
            if (new[] { users, campaigns, rate, seconds, audience }.FirstOrDefault(o => Given(o) < 1) is { } zero)
            {
                result.AddError($"{zero.Name} must be at least 1.");
            }

            if (Given(designs) is { } count && (count < 12 || count % 12 != 0 || count > 192))
            {
                result.AddError("--designs must be a multiple of 12 from 12 to 192 (2 types × values × 3 channels × 2 durations; the optimizer searches at most 200 designs).");
            }
        });
        command.SetAction((parse, cancel) => new ServeBenchCommand(http, parse.GetValue(CliOptions.Url)!, Client(parse), Importer(parse), AnsiConsole.Console).RunAsync(
            KeysFile.SystemKey(parse.GetValue(CliOptions.Keys)!),
            DatabaseUrl.Resolve(null),
            parse.GetValue(Worker)!,
            new ServeBenchCommand.Settings(parse.GetValue(users), parse.GetValue(campaigns), parse.GetValue(rate), parse.GetValue(seconds), parse.GetValue(audience), parse.GetValue(designs)),
            parse.GetValue(CliOptions.Report)!,
            cancel));
        return command;
    }

    private static Command BenchTrain()
    {
        var rows = new Option<int>("--rows") { Description = "Simulated outcome rows.", DefaultValueFactory = _ => 1_000_000 };
        var members = new Option<int>("--members") { Description = "Ensemble members.", DefaultValueFactory = _ => 5 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per network.", DefaultValueFactory = _ => 3 };
        var command = new Command("train", "The uplift training pipeline on the worker's code: time, peak and per-epoch memory, and its overhead over a bare TorchSharp loop.")
        {
            rows, members, epochs, Worker, CliOptions.Report,
        };
        command.SetAction((parse, cancel) => new TrainBenchCommand(AnsiConsole.Console).RunAsync(
            parse.GetValue(Worker)!, parse.GetValue(rows), parse.GetValue(members), parse.GetValue(epochs), parse.GetValue(CliOptions.Report)!, cancel));
        return command;
    }

    // Only what was given: defaults are not applied yet when validators run.
    private static int? GivenValue(CommandResult result, Option<int> option) =>
        result.GetResult(option) is { Implicit: false } given ? given.GetValueOrDefault<int>() : null;
}
