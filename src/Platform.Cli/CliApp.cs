using System.CommandLine;
using Platform.Cli.Commands;
using Platform.Cli.Models;
using Spectre.Console;

namespace Platform.Cli;

/// <summary>
/// The command tree of ./platform (the script forwards every command it does not own here). Exit codes:
/// 0 success, 1 the operation failed, 2 usage error (docs/cli.md).
/// </summary>
public sealed partial class CliApp(HttpClient http)
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
        var file = new Argument<FileInfo>("file") { Description = "The file: CSV or JSON Lines (gzip or not), or an Excel workbook." }.AcceptExistingOnly();
        var options = new Option<FileInfo>("--options") { Description = "A JSON file with the ImportOptionsInput (format, sheet, delimiter, encoding, column names of a file without a header, missing-value policies, tags, experiment mapping, events file shape, users and items column names; docs/imports.md)." }.AcceptExistingOnly();
        var command = new Command("import", "Import a CSV or JSON Lines file (gzip or not) or an Excel workbook through importDataset and follow it to the end with a progress bar (docs/imports.md).") { kind, file, options };
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
