using System.CommandLine;
using Platform.Cli.Commands;
using Platform.Cli.Models;
using Platform.Storage.Database;
using Spectre.Console;

namespace Platform.Cli;

/// <summary>
/// The command tree of ./platform (the script forwards every command it does not own here). Exit codes:
/// 0 success, 1 the operation failed, 2 usage error (docs/cli.md).
/// </summary>
public sealed class CliApp(HttpClient http)
{
    public static readonly string[] ImportKinds = ["users", "items", "events", "experiment"];

    /// <summary>The model tasks that train today (the API's ModelTask).</summary>
    public static readonly string[] TrainTasks = ["uplift", "users", "items"];

    public RootCommand Build()
    {
        var root = new RootCommand("The promotion platform's command line. ./platform up, down, status and test are the script's own; every other command is here.")
        {
            CliOptions.Url, CliOptions.Keys, CliOptions.Key, CliOptions.Tenant,
        };
        root.Add(Bootstrap());
        root.Add(Import());
        root.Add(Seed());
        root.Add(Stream());
        root.Add(Train());
        root.Add(Schedule());
        root.Add(Target());
        root.Add(new Command("bench", "Benchmarks; each prints a table and writes its section of docs/benchmarks.md.") { BenchIngest(), BenchImport(), BenchCampaigns(), BenchTrain(), BenchServe(), BenchSoak(), BenchAbuse() });
        root.Add(new Command("eval", "Model and measurement quality on data whose truth is known (docs/models.md#quality, docs/measurement.md).") { EvalUplift(), EvalMeasurement() });
        return root;
    }

    private Command Bootstrap()
    {
        var name = new Option<string>("--name") { Description = "The tenant's display name.", DefaultValueFactory = _ => "Demo Shop" };
        var command = new Command("bootstrap", "Create a tenant (if missing) with ADMIN, MERCHANT and PARTNER keys, recorded in the keys file.") { name };
        command.SetAction((parse, cancel) => new BootstrapCommand(Client(parse), Tracker(parse), Console.Out)
            .RunAsync(parse.GetValue(CliOptions.Keys)!, parse.GetValue(CliOptions.Tenant)!, parse.GetValue(name)!, cancel));
        return command;
    }

    private Command Import()
    {
        var kind = new Argument<string>("kind") { Description = $"What the file holds: {string.Join(", ", ImportKinds)}." };
        kind.AcceptOnlyFromAmong(ImportKinds);
        var file = new Argument<FileInfo>("file") { Description = "The CSV file." }.AcceptExistingOnly();
        var options = new Option<FileInfo>("--options") { Description = "A JSON file with the ImportOptionsInput (delimiter, missing-value policies, tags, experiment mapping; docs/imports.md)." }.AcceptExistingOnly();
        var command = new Command("import", "Import a CSV file through importDataset and follow it to the end with a progress bar (docs/imports.md).") { kind, file, options };
        command.Validators.Add(result =>
        {
            if (result.GetValue(kind) == "experiment" && result.GetValue(options) is null)
            {
                result.AddError("import experiment needs --options: a JSON file with the experiment mapping (docs/imports.md#past-experiments).");
            }
        });
        command.SetAction((parse, cancel) => Importer(parse).RunAsync(
            CliOptions.KeyFor(parse, "merchant"), parse.GetValue(kind)!, parse.GetValue(file)!.FullName, parse.GetValue(options)?.FullName, cancel));
        return command;
    }

    private Command Seed()
    {
        var users = CliOptions.Users(20_000);
        var output = new Option<string>("--out") { Description = "Where the experiment files, their ground truth and the planted-vs-observed table go.", DefaultValueFactory = _ => ".platform/demo" };
        var command = new Command("seed", "Give a tenant the simulated shop's history: catalog, users, events and past experiments (docs/demo.md).") { users, CliOptions.Seed, output };
        command.SetAction((parse, cancel) => new SeedCommand(Client(parse), Importer(parse), AnsiConsole.Console)
            .RunAsync(CliOptions.KeyFor(parse, "admin"), CliOptions.World(parse, users), parse.GetValue(output)!, cancel));
        return command;
    }

    private Command Stream()
    {
        var users = CliOptions.Users(20_000);
        var rate = new Option<double>("--rate") { Description = "Sessions a second.", DefaultValueFactory = _ => 2 };
        var via = Via("How the events are sent: graphql (ingestEvents, the MERCHANT key) or segment (the tracker source, the TRACKER key).");
        var command = new Command("stream", "Send live sessions of the simulated users until stopped (Ctrl+C).") { users, CliOptions.Seed, rate, via };
        command.SetAction((parse, cancel) =>
        {
            var segment = parse.GetValue(via) == "segment";
            return new StreamCommand(Client(parse), segment ? Tracker(parse) : null, Console.Out)
                .RunAsync(CliOptions.KeyFor(parse, segment ? "tracker" : "merchant"), CliOptions.World(parse, users), parse.GetValue(rate), cancel);
        });
        return command;
    }

    private Command Train()
    {
        var task = new Argument<string>("task") { Description = "What to train: uplift, users or items." };
        task.AcceptOnlyFromAmong(TrainTasks);
        var command = new Command("train", "Train the tenant's model for a task with trainModels and follow the run to its version (docs/models.md).") { task };
        command.SetAction((parse, cancel) => new TrainCommand(Client(parse), AnsiConsole.Console).RunAsync(CliOptions.KeyFor(parse, "admin"), parse.GetValue(task)!, cancel));
        return command;
    }

    private Command Target()
    {
        var design = new Argument<FileInfo>("design") { Description = "A JSON file with the design, as createCampaign takes it (CampaignDesignInput)." }.AcceptExistingOnly();
        var audience = new Argument<FileInfo>("audience") { Description = "A CSV file listing the users to score in its id column (other columns are ignored)." }.AcceptExistingOnly();
        var idColumn = new Option<string?>("--id-column") { Description = "The column with the user ids (default: id, userId or user_id)." };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the scores (default: standard output)." };
        var command = new Command("target", "Score the users of a CSV under a design with scoreShoppers and write a targeting list as CSV, highest expected incremental margin first (docs/forecasts.md).")
            { design, audience, idColumn, output };
        command.SetAction(async (parse, cancel) =>
        {
            Task<int> Run(TextWriter writer) => new TargetCommand(Client(parse), Console.Error).RunAsync(
                CliOptions.KeyFor(parse, "merchant"), parse.GetValue(design)!.FullName, parse.GetValue(audience)!.FullName, parse.GetValue(idColumn), writer, cancel);
            if (parse.GetValue(output) is not { } file)
            {
                return await Run(Console.Out);
            }

            // Written once scored, so a refused design or audience leaves no empty file behind.
            var scores = new StringWriter();
            var exitCode = await Run(scores);
            await File.WriteAllTextAsync(file.FullName, scores.ToString(), cancel);
            return exitCode;
        });
        return command;
    }

    private Command Schedule()
    {
        var task = new Argument<string>("task") { Description = "Which task's schedule: uplift, users or items." };
        task.AcceptOnlyFromAmong(TrainTasks);
        var cron = new Argument<string?>("cron") { Description = "Five-field cron expression, at most hourly, e.g. \"0 3 * * *\".", Arity = ArgumentArity.ZeroOrOne };
        var zone = new Option<string>("--time-zone") { Description = "IANA time zone the cron is read in.", DefaultValueFactory = _ => "UTC" };
        var always = new Option<bool>("--always") { Description = "Train at every firing, even when no new data arrived since the ACTIVE version's." };
        var drift = new Option<double?>("--drift-above") { Description = "Also retrain when the daily drift check finds an input whose population stability index is above this (e.g. 0.25)." };
        var delete = new Option<bool>("--delete") { Description = "Delete the task's schedule instead." };
        var command = new Command("schedule", "Set (or with --delete remove) when the tenant's model for a task retrains on its own (docs/models.md#schedules).") { task, cron, zone, always, drift, delete };
        command.Validators.Add(result =>
        {
            if (result.GetValue(delete) == (result.GetValue(cron) is not null))
            {
                result.AddError("schedule needs a cron expression, or --delete without one.");
            }
        });
        command.SetAction((parse, cancel) =>
        {
            var schedules = new ScheduleCommand(Client(parse), Console.Out);
            var key = CliOptions.KeyFor(parse, "admin");
            return parse.GetValue(delete)
                ? schedules.DeleteAsync(key, parse.GetValue(task)!, cancel)
                : schedules.SetAsync(key, parse.GetValue(task)!, parse.GetValue(cron)!, parse.GetValue(zone)!, parse.GetValue(always), parse.GetValue(drift), cancel);
        });
        return command;
    }

    private Command BenchIngest()
    {
        var users = new Option<int>("--users") { Description = "Simulated users whose events are ingested.", DefaultValueFactory = _ => 10_000 };
        var rate = new Option<int>("--rate") { Description = "user(id) requests a second.", DefaultValueFactory = _ => 500 };
        var seconds = new Option<int>("--seconds") { Description = "Length of the user(id) run.", DefaultValueFactory = _ => 20 };
        var audience = new Option<int>("--audience") { Description = "Users in the audienceSummary run.", DefaultValueFactory = _ => 100_000 };
        var via = Via("graphql: ingestEvents only; segment: also the same events through the tracker source, compared with ingestEvents.");
        var command = new Command("ingest", "Ingest (cold and warm) against a binary COPY, user(id) latency, audienceSummary and memory per profile, in a fresh tenant.")
        {
            users, rate, seconds, audience, via, CliOptions.Report,
        };
        command.SetAction((parse, cancel) => new BenchCommand(http, parse.GetValue(CliOptions.Url)!, Client(parse), AnsiConsole.Console).RunAsync(
            KeysFile.SystemKey(parse.GetValue(CliOptions.Keys)!),
            DatabaseUrl.Resolve(null),
            new BenchCommand.Settings(parse.GetValue(users), parse.GetValue(rate), parse.GetValue(seconds), parse.GetValue(audience), parse.GetValue(via) == "segment"),
            parse.GetValue(CliOptions.Report)!,
            cancel));
        return command;
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
            int? Given(Option<int> option) => result.GetResult(option) is { Implicit: false } given ? given.GetValueOrDefault<int>() : null;
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
            int? Given(Option<int> option) => result.GetResult(option) is { Implicit: false } given ? given.GetValueOrDefault<int>() : null;
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
            // Only what was given: defaults are not applied yet when validators run.
            int? Given(Option<int> option) => result.GetResult(option) is { Implicit: false } given ? given.GetValueOrDefault<int>() : null;
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

    private static Command EvalUplift()
    {
        var users = new Option<int>("--users") { Description = "Simulated users per seed.", DefaultValueFactory = _ => 20_000 };
        var seeds = new Option<string>("--seeds") { Description = "Comma-separated seeds, one simulated shop each.", DefaultValueFactory = _ => "1,2,3" };
        var members = new Option<int>("--members") { Description = "Ensemble members.", DefaultValueFactory = _ => 5 };
        var maxEpochs = new Option<int>("--max-epochs") { Description = "Epoch limit per network.", DefaultValueFactory = _ => 30 };
        var output = new Option<string>("--out")
        {
            Description = "The report to write (its plots go to img/ beside it).",
            DefaultValueFactory = _ => Path.Combine(Environment.GetEnvironmentVariable("PLATFORM_ROOT") ?? ".", "docs", "model-quality.md"),
        };
        var command = new Command("uplift", "Train on simulated shops and compare the predicted uplift with the planted one, beside the baseline.") { users, seeds, members, maxEpochs, Worker, output };
        command.Validators.Add(result =>
        {
            if (result.GetValue(seeds) is { } list && list.Split(',').Any(s => !int.TryParse(s, out _))) // null under --help
            {
                result.AddError("--seeds must be comma-separated integers, e.g. 1,2,3.");
            }
        });
        command.SetAction((parse, cancel) => new EvalCommand(AnsiConsole.Console).RunAsync(
            parse.GetValue(Worker)!, parse.GetValue(users), parse.GetValue(seeds)!.Split(',').Select(int.Parse).ToList(), parse.GetValue(members), parse.GetValue(maxEpochs),
            parse.GetValue(output)!, cancel));
        return command;
    }

    private static Command EvalMeasurement()
    {
        var runs = new Option<int>("--runs") { Description = "Simulated campaigns per A/A and A/B table.", DefaultValueFactory = _ => 500 };
        var users = new Option<int>("--users") { Description = "Users per simulated campaign.", DefaultValueFactory = _ => 5_000 };
        var hours = new Option<int>("--hours") { Description = "Hours over which they arrive; the KPIs are read after each.", DefaultValueFactory = _ => 336 };
        var shopUsers = new Option<int>("--shop-users") { Description = "Users of the simulated shop whose past campaigns are measured.", DefaultValueFactory = _ => 20_000 };
        var artea = new Option<string>("--artea")
        {
            Description = "The artea experiment file (skipped when absent).",
            DefaultValueFactory = _ => Path.Combine(Environment.GetEnvironmentVariable("PLATFORM_ROOT") ?? ".", "..", "shared", "data", "artea", "a_b-experiment.csv"),
        };
        var output = new Option<string>("--out")
        {
            Description = "The report to write.",
            DefaultValueFactory = _ => Path.Combine(Environment.GetEnvironmentVariable("PLATFORM_ROOT") ?? ".", "docs", "measurement-quality.md"),
        };
        var command = new Command("measurement", "Peeking false positives, interval coverage and variance reduction of the campaign measurement, on simulations and artea.") { runs, users, hours, shopUsers, artea, output };
        command.Validators.Add(result =>
        {
            // Only what was given: defaults are not applied yet when validators run.
            foreach (var (option, least) in new[] { (runs, 1), (users, 200), (hours, 1), (shopUsers, 100) })
            {
                if (result.GetResult(option) is { Implicit: false } given && given.GetValueOrDefault<int>() < least)
                {
                    result.AddError($"{option.Name} must be at least {least}.");
                }
            }
        });
        command.SetAction((parse, cancel) => new MeasurementEvalCommand(AnsiConsole.Console).RunAsync(
            parse.GetValue(runs), parse.GetValue(users), parse.GetValue(hours), parse.GetValue(shopUsers), parse.GetValue(artea), parse.GetValue(output)!, cancel));
        return command;
    }

    private static readonly Option<string> Worker = new("--worker")
    {
        Description = "The worker build that runs the tool (default: PLATFORM_WORKER_DLL, which ./platform sets).",
        DefaultValueFactory = _ => WorkerTool.DefaultPath,
    };

    private GraphQLClient Client(ParseResult parse) => new(http, parse.GetValue(CliOptions.Url)!);

    private TrackerClient Tracker(ParseResult parse) => new(http, parse.GetValue(CliOptions.Url)!);

    private static Option<string> Via(string description)
    {
        var via = new Option<string>("--via") { Description = description, DefaultValueFactory = _ => "graphql" };
        via.AcceptOnlyFromAmong("graphql", "segment");
        return via;
    }

    private ImportCommand Importer(ParseResult parse) => new(http, parse.GetValue(CliOptions.Url)!, Client(parse), AnsiConsole.Console);
}
