using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// Queues a training run with trainModels, follows it with trainingRun until it finishes (<see cref="ConsoleProgress"/>:
/// phase, step, epoch, losses), and prints the version it made beside the baseline (docs/models.md#from-the-command-line).
/// </summary>
public sealed class TrainCommand(GraphQLClient client, IAnsiConsole console)
{
    private const string Train = "mutation($task: ModelTask!) { trainModels(task: $task) { id queue } }";

    private const string RunQuery = """
        query($id: ID!) {
          trainingRun(id: $id) {
            status error attempts
            progress { phase step steps epoch trainLoss validationLoss detail }
            version {
              id status promotion
              training { rows trainRows validationRows testRows device durationMs }
              uplift {
                model { auc logLoss calibrationError qini auuc upliftAt10 upliftAt30 }
                baseline { auc logLoss calibrationError qini auuc upliftAt10 upliftAt30 }
                coverage95
                campaigns { campaignId treated control observedLift predictedLift low95 high95 }
              }
              userScores {
                model { propensityAuc propensityLogLoss propensityCalibrationError churnAuc churnLogLoss churnCalibrationError spendMae spendSpearman }
                baseline { propensityAuc propensityLogLoss propensityCalibrationError churnAuc churnLogLoss churnCalibrationError spendMae spendSpearman }
                personas { share description }
              }
              items { model { hitRateAt10 ndcgAt10 } popularity { hitRateAt10 ndcgAt10 } itemKnn { hitRateAt10 ndcgAt10 } }
            }
          }
        }
        """;

    // Where each phase sits on the one progress bar, in percent.
    private static readonly Dictionary<string, (double From, double To)> Phases = new()
    {
        ["reading"] = (0, 5),
        ["selecting"] = (5, 40),
        ["training"] = (40, 95),
        ["calibrating"] = (40, 95),
        ["evaluating"] = (95, 100),
    };

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync(string adminKey, string task, CancellationToken cancellationToken)
    {
        var queued = (await client.ExecuteAsync(adminKey, Train, new { task = task.ToUpperInvariant() }, cancellationToken)).GetProperty("trainModels");
        var id = queued.GetProperty("id").GetString()!;
        console.MarkupLineInterpolated($"Training run [bold]{id}[/] ({task.ToUpperInvariant()}) queued on {queued.GetProperty("queue").GetString()}.");
        var run = await FollowAsync(adminKey, id, cancellationToken);
        PrintSummary(run);
        return run.GetProperty("status").GetString() == "SUCCEEDED" ? 0 : 1;
    }

    private Task<JsonElement> FollowAsync(string adminKey, string id, CancellationToken cancellationToken)
    {
        var line = new ProgressLine("training", 100) { Status = "queued" };
        return ConsoleProgress.RunAsync(console, [line], async () =>
        {
            while (true)
            {
                var run = (await client.ExecuteAsync(adminKey, RunQuery, new { id }, cancellationToken)).GetProperty("trainingRun");
                var status = run.GetProperty("status").GetString()!;
                if (run.GetProperty("progress") is { ValueKind: JsonValueKind.Object } progress && status == "RUNNING")
                {
                    (line.Value, line.Status) = Describe(progress);
                }
                else
                {
                    line.Status = status.ToLowerInvariant();
                }

                if (status is not ("QUEUED" or "RUNNING"))
                {
                    line.Value = status == "SUCCEEDED" ? 100 : line.Value;
                    return run;
                }

                await Task.Delay(PollInterval, cancellationToken);
            }
        });
    }

    private static (double Percent, string Status) Describe(JsonElement progress)
    {
        var phase = progress.GetProperty("phase").GetString()!;
        var (step, steps) = (progress.GetProperty("step").GetInt32(), Math.Max(1, progress.GetProperty("steps").GetInt32()));
        var (from, to) = Phases.GetValueOrDefault(phase, (0, 100));
        var percent = from + ((to - from) * Math.Clamp(step - 1, 0, steps) / steps);
        var status = $"{phase} {step}/{steps}";
        if (progress.GetProperty("epoch") is { ValueKind: JsonValueKind.Number } epoch)
        {
            status += string.Create(CultureInfo.InvariantCulture, $", epoch {epoch.GetInt32()}, validation loss {progress.GetProperty("validationLoss").GetDouble():F4}");
        }

        return (percent, status);
    }

    private void PrintSummary(JsonElement run)
    {
        var status = run.GetProperty("status").GetString();
        if (run.GetProperty("version") is not { ValueKind: JsonValueKind.Object } version)
        {
            console.MarkupLineInterpolated($"[red]{status}[/]: {run.GetProperty("error").GetString() ?? "no version was made"}");
            return;
        }

        var training = version.GetProperty("training");
        console.MarkupLineInterpolated($"[green]{status}[/]: version [bold]{version.GetProperty("id").GetString()}[/] is {version.GetProperty("status").GetString()}.");
        console.MarkupLineInterpolated($"{version.GetProperty("promotion").GetString()}");
        console.MarkupLineInterpolated(
            $"{training.GetProperty("rows").GetInt64():N0} rows (train {training.GetProperty("trainRows").GetInt32():N0}, validation {training.GetProperty("validationRows").GetInt32():N0}, held out {training.GetProperty("testRows").GetInt32():N0}) on {training.GetProperty("device").GetString()} in {training.GetProperty("durationMs").GetInt64() / 1000.0:F1} s.");
        if (version.GetProperty("userScores") is { ValueKind: JsonValueKind.Object } userScores)
        {
            PrintUserScores(userScores);
        }

        if (version.GetProperty("items") is { ValueKind: JsonValueKind.Object } items)
        {
            var ranking = new Table().Title("held-out last items").AddColumns("metric", "model", "popularity", "item-kNN");
            foreach (var name in new[] { "hitRateAt10", "ndcgAt10" })
            {
                ranking.AddRow(name, Number(items.GetProperty("model").GetProperty(name)), Number(items.GetProperty("popularity").GetProperty(name)), Number(items.GetProperty("itemKnn").GetProperty(name)));
            }

            console.Write(ranking);
        }

        if (version.GetProperty("uplift") is not { ValueKind: JsonValueKind.Object } uplift)
        {
            return;
        }

        var metrics = new Table().Title("held-out users").AddColumns("metric", "model", "baseline");
        foreach (var name in new[] { "auc", "logLoss", "calibrationError", "qini", "auuc", "upliftAt10", "upliftAt30" })
        {
            metrics.AddRow(name, Number(uplift.GetProperty("model").GetProperty(name)), Number(uplift.GetProperty("baseline").GetProperty(name)));
        }

        console.Write(metrics);
        var effects = new Table().Title($"campaigns (95% coverage {Number(uplift.GetProperty("coverage95"))})")
            .AddColumns("campaign", "treated", "control", "observed lift", "predicted lift", "95% interval");
        foreach (var effect in uplift.GetProperty("campaigns").EnumerateArray())
        {
            effects.AddRow(
                Markup.Escape(effect.GetProperty("campaignId").GetString()!),
                effect.GetProperty("treated").GetInt32().ToString("N0", CultureInfo.InvariantCulture),
                effect.GetProperty("control").GetInt32().ToString("N0", CultureInfo.InvariantCulture),
                Number(effect.GetProperty("observedLift")),
                Number(effect.GetProperty("predictedLift")),
                $"[[{Number(effect.GetProperty("low95"))}, {Number(effect.GetProperty("high95"))}]]");
        }

        console.Write(effects);
    }

    private void PrintUserScores(JsonElement userScores)
    {
        var metrics = new Table().Title("held-out users, the 30 days after the cutoff").AddColumns("metric", "model", "baseline");
        foreach (var property in userScores.GetProperty("model").EnumerateObject())
        {
            metrics.AddRow(property.Name, Number(property.Value), Number(userScores.GetProperty("baseline").GetProperty(property.Name)));
        }

        console.Write(metrics);
        var personas = new Table().Title("personas").AddColumns("share", "what sets it apart");
        foreach (var persona in userScores.GetProperty("personas").EnumerateArray())
        {
            personas.AddRow(persona.GetProperty("share").GetDouble().ToString("P0", CultureInfo.InvariantCulture), Markup.Escape(persona.GetProperty("description").GetString()!));
        }

        console.Write(personas);
    }

    private static string Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString("F4", CultureInfo.InvariantCulture) : "n/a";
}
