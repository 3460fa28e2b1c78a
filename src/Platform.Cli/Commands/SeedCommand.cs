using System.Text;
using System.Text.Json;
using Platform.Cli.Demo;
using Platform.Simulation;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// Gives a tenant the simulated shop's history through the public API: the catalog (upsertItems), users
/// (upsertUsers), their behaviour as one EVENTS CSV import (a merchant's history takes that path), then each past
/// campaign as a past-experiment CSV import. Writes the experiment files and their ground truth to the output folder,
/// and prints the planted effect of every arm beside the effect observed in its experiment.
/// </summary>
public sealed class SeedCommand(GraphQLClient client, ImportCommand imports, IAnsiConsole console)
{
    private const int BatchSize = 1_000;
    private const int UsersPerChunk = 500;

    public async Task<int> RunAsync(string apiKey, WorldOptions options, string outputDirectory, CancellationToken cancellationToken)
    {
        var world = new SimulatedWorld(options);
        Directory.CreateDirectory(outputDirectory);
        console.MarkupLineInterpolated($"Seeding a simulated shop: {options.Users:N0} users, {world.Items.Count:N0} items, {options.HistoryDays} days, {world.Campaigns.Count} past campaigns (seed {options.Seed}).");

        var items = new ProgressLine("catalog", world.Items.Count);
        var users = new ProgressLine("users", options.Users);
        var rejected = new List<string>();
        var eventsFile = Path.Combine(Path.GetTempPath(), $"platform-seed-{Guid.NewGuid():N}.csv");
        List<(SimulatedUser User, ExperimentOutcome Outcome)> outcomes;
        long refusedEvents;
        try
        {
            outcomes = await ConsoleProgress.RunAsync(console, [items, users], async () =>
            {
                await SendItemsAsync(apiKey, world, items, rejected, cancellationToken);
                return await SendUsersAsync(apiKey, world, eventsFile, users, rejected, cancellationToken);
            });

            var events = await imports.ImportAsync(apiKey, "events", eventsFile, null, cancellationToken);
            if (events.GetProperty("status").GetString() != "SUCCEEDED")
            {
                return 1;
            }

            refusedEvents = events.GetProperty("rowsRejected").GetInt64();
            if (refusedEvents > 0)
            {
                console.MarkupLineInterpolated($"[red]{refusedEvents:N0} events were rejected by the import[/] (its first rejections are listed above).");
            }
        }
        finally
        {
            File.Delete(eventsFile);
        }

        if (rejected.Count > 0)
        {
            console.MarkupLineInterpolated($"[red]{rejected.Count} entries were rejected[/], e.g. {rejected[0]}");
        }

        foreach (var plan in world.Campaigns)
        {
            var rows = outcomes.Where(o => o.Outcome.Plan == plan).ToList();
            var file = Path.Combine(outputDirectory, $"experiment-{plan.Name}.csv");
            await ExperimentFiles.WriteExperimentAsync(file, rows, cancellationToken);
            await ExperimentFiles.WriteTruthAsync(Path.Combine(outputDirectory, $"truth-{plan.Name}.csv"), rows, cancellationToken);
            var job = await imports.ImportAsync(apiKey, "experiment", file, ExperimentFiles.Options(plan, options.Clock), cancellationToken);
            if (job.GetProperty("status").GetString() != "SUCCEEDED")
            {
                return 1;
            }
        }

        await ReportPlantedEffectsAsync(world, outcomes, outputDirectory, cancellationToken);
        await File.WriteAllTextAsync(
            Path.Combine(outputDirectory, "seeded.json"),
            JsonSerializer.Serialize(new { options.Seed, options.Users, options.HistoryDays, seededAt = options.Clock }),
            cancellationToken);
        console.MarkupLineInterpolated($"Seeded. Experiment files and ground truth are in {outputDirectory}.");
        return rejected.Count == 0 && refusedEvents == 0 ? 0 : 1;
    }

    private async Task SendItemsAsync(string apiKey, SimulatedWorld world, ProgressLine progress, List<string> rejected, CancellationToken cancellationToken)
    {
        foreach (var batch in world.Items.Chunk(BatchSize))
        {
            var result = await CallAsync(apiKey, ApiInputs.UpsertItems, new { items = batch.Select(i => ApiInputs.Item(SimulatedWorld.ToDraft(i))).ToArray() }, cancellationToken);
            Collect(result.GetProperty("upsertItems"), rejected);
            progress.Value += batch.Length;
        }
    }

    /// <summary>Upserts the users through the API, a chunk at a time, and writes their events to an EVENTS import file.</summary>
    private async Task<List<(SimulatedUser User, ExperimentOutcome Outcome)>> SendUsersAsync(
        string apiKey, SimulatedWorld world, string eventsFile, ProgressLine progress, List<string> rejected, CancellationToken cancellationToken)
    {
        var outcomes = new List<(SimulatedUser, ExperimentOutcome)>();
        long events = 0;
        await using var file = new StreamWriter(eventsFile, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        await file.WriteLineAsync(EventsCsv.Header);
        for (var first = 0; first < world.Options.Users; first += UsersPerChunk)
        {
            var stories = Enumerable.Range(first, Math.Min(UsersPerChunk, world.Options.Users - first))
                .AsParallel().AsOrdered().Select(world.Story).ToList();
            var users = await CallAsync(apiKey, ApiInputs.UpsertUsers, new { users = stories.Select(s => ApiInputs.User(SimulatedWorld.ToDraft(s.User))).ToArray() }, cancellationToken);
            Collect(users.GetProperty("upsertUsers"), rejected);
            foreach (var e in stories.SelectMany(s => s.Events))
            {
                await file.WriteLineAsync(EventsCsv.Row(e));
                events++;
            }

            outcomes.AddRange(stories.SelectMany(s => s.Outcomes.Select(o => (s.User, o))));
            progress.Value += stories.Count;
            progress.Status = $"{events:N0} events written";
        }

        return outcomes;
    }

    /// <summary>Retries what a busy or restarting node refuses; every write here is idempotent, so a retry never counts twice.</summary>
    private async Task<JsonElement> CallAsync(string apiKey, string query, object variables, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.ExecuteAsync(apiKey, query, variables, cancellationToken);
            }
            catch (Exception exception) when (attempt < 6 && IsTransient(exception))
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }
    }

    private static bool IsTransient(Exception exception) =>
        exception is HttpRequestException or TaskCanceledException
        || exception is GraphQLClientException { StatusCode: 429 or 502 or 503 or 504 };

    private static void Collect(JsonElement payload, List<string> rejected)
    {
        if (payload.GetProperty("rejected").GetInt32() == 0)
        {
            return;
        }

        foreach (var result in payload.GetProperty("results").EnumerateArray())
        {
            foreach (var error in result.GetProperty("errors").EnumerateArray())
            {
                rejected.Add($"{error.GetProperty("field").GetString()}: {error.GetProperty("message").GetString()}");
            }
        }
    }

    /// <summary>Prints each arm's planted effect beside the effect its experiment observed, and writes the same table to planted-vs-observed.md.</summary>
    private async Task ReportPlantedEffectsAsync(
        SimulatedWorld world, List<(SimulatedUser User, ExperimentOutcome Outcome)> outcomes, string outputDirectory, CancellationToken cancellationToken)
    {
        string[] columns = ["campaign", "treated", "control", "planted uplift (pp)", "observed uplift (pp)", "planted revenue / customer", "observed revenue / customer"];
        var rows = new List<string[]>();
        foreach (var plan in world.Campaigns)
        {
            var planned = outcomes.Where(o => o.Outcome.Plan == plan).Select(o => o.Outcome).ToList();
            var control = planned.Where(o => o.Arm is null).ToList();
            foreach (var (arm, index) in plan.Arms.Select((a, i) => (a, i)))
            {
                var treated = planned.Where(o => o.Arm == arm).ToList();
                if (treated.Count == 0 || control.Count == 0)
                {
                    continue;
                }

                rows.Add([
                    plan.CampaignId(arm),
                    treated.Count.ToString("N0"),
                    control.Count.ToString("N0"),
                    $"{100 * planned.Average(o => o.Truth[index].ConversionUplift):F2}",
                    $"{100 * (ConversionRate(treated) - ConversionRate(control)):F2}",
                    $"{planned.Average(o => o.Truth[index].RevenueUplift):F2}",
                    $"{treated.Average(o => (double)o.Revenue) - control.Average(o => (double)o.Revenue):F2}",
                ]);
            }
        }

        var table = new Table().Title("planted vs observed effect on conversion").AddColumns(columns);
        rows.ForEach(row => table.AddRow(row));
        console.Write(table);
        var markdown = new[] { "# Planted vs observed effects of the demo's past campaigns", "", $"| {string.Join(" | ", columns)} |", $"|{string.Concat(columns.Select(_ => "---|"))}" }
            .Concat(rows.Select(row => $"| {string.Join(" | ", row)} |"));
        await File.WriteAllLinesAsync(Path.Combine(outputDirectory, "planted-vs-observed.md"), markdown, cancellationToken);
    }

    private static double ConversionRate(List<ExperimentOutcome> outcomes) => outcomes.Count(o => o.Orders > 0) / (double)outcomes.Count;
}
