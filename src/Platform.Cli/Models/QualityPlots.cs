using System.Text.Json;
using ScottPlot;

namespace Platform.Cli.Models;

/// <summary>The Qini curves and reliability diagram of an evaluation, as PNG files (docs/models.md#quality).</summary>
public static class QualityPlots
{
    public static void Qini(JsonElement model, JsonElement baseline, string path)
    {
        var plot = new Plot();
        Curve(plot, model, "uplift model");
        Curve(plot, baseline, "two-model baseline");
        var last = model.EnumerateArray().Last();
        plot.Add.Line(0, 0, last.GetProperty("item1").GetDouble(), last.GetProperty("item2").GetDouble()).LegendText = "random";
        plot.Title("Qini curves, held-out users");
        plot.XLabel("users targeted, by predicted uplift");
        plot.YLabel("incremental conversions");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 800, 500);
    }

    public static void Calibration(JsonElement model, JsonElement baseline, string path)
    {
        var plot = new Plot();
        Reliability(plot, model, "uplift model");
        Reliability(plot, baseline, "two-model baseline");
        var top = model.EnumerateArray().Concat(baseline.EnumerateArray()).Max(b => Math.Max(b.GetProperty("meanPredicted").GetDouble(), b.GetProperty("observedRate").GetDouble()));
        plot.Add.Line(0, 0, top, top).LegendText = "perfect";
        plot.Title("Calibration of predicted conversion, held-out users");
        plot.XLabel("mean predicted probability (bin)");
        plot.YLabel("observed rate");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 800, 500);
    }

    private static void Curve(Plot plot, JsonElement points, string label) =>
        plot.Add.ScatterLine(Values(points, "item1"), Values(points, "item2")).LegendText = label;

    private static void Reliability(Plot plot, JsonElement bins, string label) =>
        plot.Add.Scatter(Values(bins, "meanPredicted"), Values(bins, "observedRate")).LegendText = label;

    private static double[] Values(JsonElement items, string property) => items.EnumerateArray().Select(i => i.GetProperty(property).GetDouble()).ToArray();
}
