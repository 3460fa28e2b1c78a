using System.Globalization;
using System.Text;
using Platform.Domain.Campaigns;
using Platform.Domain.Measurement;
using Platform.Simulation;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// `./platform eval measurement`: the measurement code (docs/measurement.md) on data whose truth is known: A/A runs read
/// every simulated hour (false positives of the always-valid and of the fixed-horizon interval), A/B runs with a planted
/// effect (coverage and width of the adjusted intervals), and the variance reduction on the simulated shop's past
/// campaigns and on the artea experiment. Writes docs/measurement-quality.md.
/// </summary>
public sealed class MeasurementEvalCommand(IAnsiConsole console)
{
    public const double PlantedEffect = 0.2;

    public async Task<int> RunAsync(int runs, int users, int hours, int shopUsers, string? arteaFile, string reportPath, CancellationToken cancellationToken)
    {
        var command = $"./platform eval measurement --runs {runs} --users {users} --hours {hours} --shop-users {shopUsers}";
        var (aa, ab, shop) = (new ProgressLine("A/A runs, read hourly", runs), new ProgressLine("A/B runs", runs), new ProgressLine("simulated shop", 1));
        var report = await ConsoleProgress.RunAsync(console, [aa, ab, shop], () => Task.Run(() =>
        {
            var nulls = Simulate(new MeasurementSimulation(users, hours), runs, aa, cancellationToken);
            var planted = new MeasurementSimulation(users, hours, PlantedEffect);
            var effects = Simulate(planted, runs, ab, cancellationToken);
            var shopMeasurements = MeasurementRows.Measure(MeasurementRows.Shop(new SimulatedWorld(new WorldOptions(Seed: 7, Users: shopUsers)), shopUsers), MeasurementRows.ShopCovariates);
            shop.Value = 1;
            return Report(command, users, hours, nulls, effects, planted.TrueLifts(), shopMeasurements, Artea(arteaFile));
        }, cancellationToken));

        console.Write(new Markup(Markup.Escape(report)));
        await File.WriteAllTextAsync(reportPath, report, cancellationToken);
        console.MarkupLineInterpolated($"Written to {reportPath}.");
        return 0;
    }

    private static List<MeasurementSimulation.Run> Simulate(MeasurementSimulation simulation, int runs, ProgressLine progress, CancellationToken cancellationToken)
    {
        var done = 0;
        return Enumerable.Range(1, runs).AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(seed =>
        {
            var run = simulation.Simulate(seed);
            progress.Value = Interlocked.Increment(ref done);
            return run;
        }).ToList();
    }

    private static readonly string[] ArteaCovariates = ["num_past_purch", "spent_last_purchase", "weeks_since_visit", "browsing_minutes", "shopping_cart"];

    private static KpiMeasurement? Artea(string? file)
    {
        if (file is null || !File.Exists(file))
        {
            return null;
        }

        var lines = File.ReadAllLines(file).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',').ToList();
        double Cell(string[] cells, string column) => double.Parse(cells[header.IndexOf(column)], CultureInfo.InvariantCulture);
        var rows = lines.Skip(1).Select(l => l.Split(',')).Select(c => new MeasurementRows.Row(
            "artea", c[header.IndexOf("test_coupon")] == "1", ArteaCovariates.Select(name => Cell(c, name)).ToArray(), Cell(c, "trans_after"), Cell(c, "revenue_after")));
        return MeasurementRows.Measure(rows, ArteaCovariates)["artea"];
    }

    private static string Report(
        string command, int users, int hours, List<MeasurementSimulation.Run> nulls, List<MeasurementSimulation.Run> effects,
        IReadOnlyDictionary<LiftMetric, double> truth, IReadOnlyDictionary<string, KpiMeasurement> shop, KpiMeasurement? artea)
    {
        static string P(double share) => share.ToString("P1", CultureInfo.InvariantCulture);
        var metrics = Enum.GetValues<LiftMetric>();
        var text = new StringBuilder();
        text.AppendLine("# Measurement quality");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Written by `{command}` on {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; run it again to refresh this page. What the figures mean: [measurement](measurement.md).");
        text.AppendLine();
        text.AppendLine("## Peeking without an effect (A/A)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{nulls.Count} simulated campaigns without any effect, {users:N0} users arriving evenly over {hours} hours, half held out; the KPIs are read after every hour (from {RegressionAdjustment.MinUsersPerSide} users a side). A run counts as a false positive when an interval excluded zero at any reading. Target: the always-valid interval at most 5%.");
        text.AppendLine();
        text.AppendLine("| outcome | always-valid (adjusted), ever | fixed-horizon (unadjusted), ever | fixed-horizon, read once at the end |");
        text.AppendLine("|---|---|---|---|");
        foreach (var metric in metrics)
        {
            var once = nulls.Count(r => r.Final[metric].Unadjusted is { } u && (u.Low > 0 || u.High < 0)) / (double)nulls.Count;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Name(metric)} | {P(nulls.Count(r => r.AlwaysValidEverExcludedZero[metric]) / (double)nulls.Count)} | {P(nulls.Count(r => r.FixedHorizonEverExcludedZero[metric]) / (double)nulls.Count)} | {P(once)} |");
        }

        text.AppendLine();
        text.AppendLine("## A planted effect (A/B)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"The same campaigns with treatment raising every user's purchase rate by {P(PlantedEffect)}; the true lift per user is computed from 2,000,000 draws of users. Read once at the end. Target: the 95% intervals cover the true lift about 95% of the time.");
        text.AppendLine();
        text.AppendLine("| outcome | true lift | adjusted 95% covers | unadjusted 95% covers | always-valid covers | mean variance reduction | mean width adjusted / unadjusted | runs significant (always-valid) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var metric in metrics)
        {
            var lifts = effects.Select(r => r.Final[metric]).ToList();
            double Covers(Func<LiftMeasurement, Estimate?> interval) => lifts.Count(l => interval(l) is { } e && e.Low <= truth[metric] && truth[metric] <= e.High) / (double)lifts.Count;
            var width = lifts.Average(l => l.Adjusted!.High - l.Adjusted.Low) / lifts.Average(l => l.Unadjusted!.High - l.Unadjusted.Low);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Name(metric)} | {truth[metric]:G4} | {P(Covers(l => l.Adjusted))} | {P(Covers(l => l.Unadjusted))} | {P(Covers(l => l.AlwaysValid))} | {P(lifts.Average(l => l.VarianceReduction ?? 0))} | {width:F2} | {P(lifts.Count(l => l.Significance == Significance.Positive) / (double)lifts.Count)} |");
        }

        text.AppendLine();
        text.AppendLine("## Variance reduction on the simulated shop");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"The demo shop's past campaigns (`platform seed`'s experiments, seed 7), adjusted by the pre-period columns their files carry: {string.Join(", ", MeasurementRows.ShopCovariates)}.");
        text.AppendLine();
        AppendLifts(text, shop.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value)));
        text.AppendLine("## Variance reduction on artea");
        text.AppendLine();
        if (artea is null)
        {
            text.AppendLine("../shared/data/artea/a_b-experiment.csv was not found: not measured in this run.");
        }
        else
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"The artea coupon experiment (5,000 customers), adjusted by {string.Join(", ", ArteaCovariates)}: the same figures `campaign.kpis.measurement` gives after importing it with those `covariateColumns`.");
            text.AppendLine();
            AppendLifts(text, [("artea-coupon", artea)]);
        }

        return text.ToString();
    }

    private static void AppendLifts(StringBuilder text, IEnumerable<(string Campaign, KpiMeasurement Measurement)> campaigns)
    {
        text.AppendLine("| campaign | outcome | unadjusted lift (95%) | adjusted lift (95%) | variance reduction | always-valid (95%) | significance |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (campaign, measurement) in campaigns)
        {
            foreach (var lift in measurement.All)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {campaign} | {Name(lift.Metric)} | {Interval(lift.Unadjusted)} | {Interval(lift.Adjusted)} | {(lift.VarianceReduction is { } v ? v.ToString("P1", CultureInfo.InvariantCulture) : "—")} | {Interval(lift.AlwaysValid)} | {SignificanceName(lift.Significance)} |");
            }
        }

        text.AppendLine();
    }

    private static string Interval(Estimate? e) => e is null ? "—" : string.Create(CultureInfo.InvariantCulture, $"{e.Value:G3} [{e.Low:G3}, {e.High:G3}]");

    private static string SignificanceName(Significance significance) => significance switch
    {
        Significance.Positive => "POSITIVE",
        Significance.Negative => "NEGATIVE",
        Significance.NotSignificant => "NOT_SIGNIFICANT",
        _ => "NOT_ENOUGH_DATA",
    };

    private static string Name(LiftMetric metric) => metric switch
    {
        LiftMetric.ConversionRate => "conversion rate",
        LiftMetric.PurchasesPerUser => "purchases per user",
        _ => "revenue per user",
    };
}
