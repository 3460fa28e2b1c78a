using System.Globalization;
using System.Text;
using System.Text.Json;
using Platform.Cli.Models;
using Platform.Domain.Modeling;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// `./platform eval uplift`: the uplift model judged against the simulator's planted effects, seed by seed, beside the
/// baseline; prints the figures and writes docs/model-quality.md with its Qini and calibration plots.
/// </summary>
public sealed class EvalCommand(IAnsiConsole console)
{
    public const double QiniTarget = 1.2;

    public async Task<int> RunAsync(string workerPath, int users, IReadOnlyList<int> seeds, int members, int maxEpochs, string reportPath, CancellationToken cancellationToken)
    {
        var command = $"./platform eval uplift --users {users} --seeds {string.Join(",", seeds)} --members {members} --max-epochs {maxEpochs}";
        var result = await WorkerTool.RunAsync(
            workerPath,
            ["eval-uplift", "--users", Text(users), "--seeds", string.Join(",", seeds), "--members", Text(members), "--max-epochs", Text(maxEpochs)],
            console,
            cancellationToken);
        var rows = result.GetProperty("seeds").EnumerateArray().ToList();
        var markdown = Report(command, rows);
        console.Write(new Markup(Markup.Escape(markdown)));

        var images = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(reportPath))!, "img");
        Directory.CreateDirectory(images);
        var curves = result.GetProperty("firstSeedCurves");
        QualityPlots.Qini(curves.GetProperty("qiniModel"), curves.GetProperty("qiniBaseline"), Path.Combine(images, "uplift-qini.png"));
        QualityPlots.Calibration(curves.GetProperty("calibrationModel"), curves.GetProperty("calibrationBaseline"), Path.Combine(images, "uplift-calibration.png"));
        await File.WriteAllTextAsync(reportPath, markdown, cancellationToken);
        console.MarkupLineInterpolated($"Written to {reportPath} and {images}.");
        return 0;
    }

    private static string Report(string command, IReadOnlyList<JsonElement> seeds)
    {
        double Mean(Func<JsonElement, double> value) => seeds.Average(value);
        double M(JsonElement s, string side, string metric) => s.GetProperty(side).GetProperty(metric) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : double.NaN;
        var checks = seeds.SelectMany(s => s.GetProperty("campaigns").EnumerateArray()).ToList();
        var qiniRatio = Mean(s => M(s, "model", "qini")) / Mean(s => M(s, "baseline", "qini"));

        var text = new StringBuilder();
        text.AppendLine("# Model quality");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Written by `{command}` on {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; run it again to refresh this page.");
        text.AppendLine("Each seed is a different simulated shop (`src/Platform.Simulation`) whose past randomized campaigns are trained on as a tenant's would be; 30% of its users are held out, and their planted (exact) uplift is compared with the predictions. The baseline is the two-model logistic regression trained on the same split. See [models](models.md#quality) for what the figures mean.");
        text.AppendLine();
        text.AppendLine("| seed | rows | Qini model | Qini baseline | AUUC model / baseline | uplift@10% model / baseline | AUC model / baseline | calibration error model / baseline | Pearson with planted uplift, model / baseline | Spearman, model / baseline | Qini on expected outcomes, model / baseline / planted | training |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var s in seeds)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.GetProperty("seed").GetInt32()} | {s.GetProperty("rows").GetInt32():N0} | {M(s, "model", "qini"):F5} | {M(s, "baseline", "qini"):F5} | {M(s, "model", "auuc"):F4} / {M(s, "baseline", "auuc"):F4} | {M(s, "model", "upliftAt10"):F4} / {M(s, "baseline", "upliftAt10"):F4} | {M(s, "model", "auc"):F3} / {M(s, "baseline", "auc"):F3} | {M(s, "model", "calibrationError"):F4} / {M(s, "baseline", "calibrationError"):F4} | {s.GetProperty("pearsonModel").GetDouble():F3} / {s.GetProperty("pearsonBaseline").GetDouble():F3} | {s.GetProperty("spearmanModel").GetDouble():F3} / {s.GetProperty("spearmanBaseline").GetDouble():F3} | {s.GetProperty("expectedQiniModel").GetDouble():F5} / {s.GetProperty("expectedQiniBaseline").GetDouble():F5} / {s.GetProperty("expectedQiniTruth").GetDouble():F5} | {s.GetProperty("trainingMs").GetInt64() / 1000.0:F0} s |");
        }

        text.AppendLine();
        text.AppendLine("| over the seeds | value | target | |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| mean Qini, model ÷ baseline | {qiniRatio:F2}× | ≥ {QiniTarget}× | {(qiniRatio >= QiniTarget ? "met" : "**missed**")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| mean Pearson with the planted uplift, model / baseline | {Mean(s => s.GetProperty("pearsonModel").GetDouble()):F3} / {Mean(s => s.GetProperty("pearsonBaseline").GetDouble()):F3} | | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| mean Spearman, model / baseline | {Mean(s => s.GetProperty("spearmanModel").GetDouble()):F3} / {Mean(s => s.GetProperty("spearmanBaseline").GetDouble()):F3} | | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| campaigns' planted average effect inside the 80% interval | {Coverage(checks, "covered80", 0.8)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| campaigns' planted average effect inside the 95% interval | {Coverage(checks, "covered95", 0.95)} |");
        var forecasts = seeds.SelectMany(s => s.GetProperty("forecasts").EnumerateArray()).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"| forecast incremental conversions of a campaign's held-out users: planted sum inside the 80% interval | {Coverage(forecasts, "covered80", 0.8)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| … inside the 95% interval | {Coverage(forecasts, "covered95", 0.95)} |");
        var neverRun = seeds.Select(s => s.GetProperty("neverRun")).Where(c => c.ValueKind == JsonValueKind.Object).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"| a design never run (a depth halfway between two arms a campaign ran, on their channel), forecast for that campaign's held-out users: planted sum inside the 80% / 95% interval | {Share(neverRun, "covered80"):P0} / {Share(neverRun, "covered95"):P0} of {neverRun.Count} | inside | {(neverRun.Count > 0 && Share(neverRun, "covered95") == 1 ? "met" : "**missed**")} |");
        double D(string name) => Mean(s => s.GetProperty("decisions").GetProperty(name).GetDouble());
        var choices = seeds.SelectMany(s => s.GetProperty("decisions").GetProperty("armChoices").EnumerateArray()).GroupBy(c => c.GetProperty("campaign").GetString()!);
        foreach (var campaign in choices)
        {
            double C(string name) => campaign.Average(c => c.GetProperty(name).GetDouble());
            var bestRate = C("modelBestRate");
            text.AppendLine(CultureInfo.InvariantCulture, $"| best arm of `{campaign.Key}` (true incremental margin) chosen for a held-out user: model / random / the best arm on average for everyone | {bestRate:P0} / {C("randomBestRate"):P0} / {C("sendToAllBestRate"):P0} | most users, and no policy above it | {(bestRate > 0.5 && bestRate >= Math.Max(C("randomBestRate"), C("sendToAllBestRate")) ? "met" : "**missed**")} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| true incremental margin per seed: offered where the predicted margin is positive / to everyone / where the true margin is positive | {D("targetedMargin"):N0} / {D("everyoneMargin"):N0} / {D("oracleMargin"):N0} | targeted above everyone | {(D("targetedMargin") > D("everyoneMargin") ? "met" : "**missed**")} |");
        text.AppendLine();
        foreach (var s in seeds.Where(s => s.GetProperty("neverRun").ValueKind == JsonValueKind.Object))
        {
            var c = s.GetProperty("neverRun");
            double F(string name) => c.GetProperty(name).GetDouble();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Seed {s.GetProperty("seed").GetInt32()}, `{c.GetProperty("campaignId").GetString()}` for {c.GetProperty("users").GetInt32():N0} held-out users: planted {F("planted"):F1} incremental conversions, forecast {F("predicted"):F1} (80% {F("low80"):F1} to {F("high80"):F1}; 95% {F("low95"):F1} to {F("high95"):F1}).");
            text.AppendLine();
        }

        // Each campaign forecast as it ran, for its held-out users: which campaigns' forecasts a never-run design's borrows from.
        text.AppendLine("| incremental conversions of each campaign's held-out users, all offered | " + string.Join(" | ", seeds.Select(s => $"seed {s.GetProperty("seed").GetInt32()}: planted / forecast (80%)")) + " |");
        text.AppendLine("|---|" + string.Concat(seeds.Select(_ => "---|")));
        foreach (var campaign in forecasts.Select(f => f.GetProperty("campaignId").GetString()!).Distinct())
        {
            var cells = seeds.Select(s => s.GetProperty("forecasts").EnumerateArray().FirstOrDefault(f => f.GetProperty("campaignId").GetString() == campaign) is { ValueKind: JsonValueKind.Object } f
                ? string.Create(CultureInfo.InvariantCulture, $"{f.GetProperty("planted").GetDouble():F0} / {f.GetProperty("predicted").GetDouble():F0} ({f.GetProperty("low80").GetDouble():F0} to {f.GetProperty("high80").GetDouble():F0})")
                : "");
            text.AppendLine($"| `{campaign}` | {string.Join(" | ", cells)} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Decisions value incremental margin at a margin rate of 0.3 with the platform's discount cost ([recommendations](recommendations.md#value)); the truth's margin is computed the same way from the planted chances and revenues.");
        text.AppendLine();
        text.AppendLine("![Qini curves of the first seed](img/uplift-qini.png)");
        text.AppendLine();
        text.AppendLine("![Calibration of the first seed](img/uplift-calibration.png)");
        return text.ToString();
    }

    /// <summary>The share inside, the target, and whether the count is what intervals of that rate give (<see cref="IntervalCoverage"/>).</summary>
    private static string Coverage(IReadOnlyList<JsonElement> checks, string property, double nominal)
    {
        var covered = checks.Count(c => c.GetProperty(property).GetBoolean());
        var verdict = checks.Count == 0 ? "" : IntervalCoverage.Judge(covered, checks.Count, nominal) switch
        {
            CoverageVerdict.Nominal => "met",
            CoverageVerdict.TooNarrow => "**missed**: too narrow",
            _ => "**missed**: too wide",
        };
        var (low, high) = IntervalCoverage.Range(checks.Count, nominal);
        return string.Create(CultureInfo.InvariantCulture, $"{Share(checks, property):P0} of {checks.Count} | {low} to {high} of {checks.Count} ({nominal:P0} intervals hold that many 95% of the time) | {verdict}");
    }

    private static double Share(IReadOnlyList<JsonElement> checks, string property) =>
        checks.Count == 0 ? double.NaN : checks.Count(c => c.GetProperty(property).GetBoolean()) / (double)checks.Count;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
