using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Testing;

namespace Platform.Gateway.Tests;

/// <summary>docker/grafana/dashboards/platform.json queries only metrics the platform exports (docs/operations.md lists them).</summary>
public sealed partial class DashboardTests
{
    private static readonly string Dashboard = Path.Combine(RepositoryPaths.Root, "docker", "grafana", "dashboards", "platform.json");

    [Fact]
    public void EveryPanelQueriesThePrometheusDataSource()
    {
        var panels = JsonDocument.Parse(File.ReadAllText(Dashboard)).RootElement.GetProperty("panels").EnumerateArray().ToList();

        Assert.NotEmpty(panels);
        Assert.All(panels, panel =>
        {
            Assert.False(string.IsNullOrWhiteSpace(panel.GetProperty("title").GetString()));
            Assert.Equal("prometheus", panel.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.Contains(panel.GetProperty("targets").EnumerateArray(), t => !string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString()));
        });
    }

    [Fact]
    public void EveryPlatformMetricThePanelsQueryIsDocumented()
    {
        var expressions = JsonDocument.Parse(File.ReadAllText(Dashboard)).RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!);
        var documented = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "operations.md"));

        var queried = expressions.SelectMany(e => MetricName().Matches(e).Select(m => HistogramSeries().Replace(m.Value, ""))).Distinct().ToList();

        Assert.NotEmpty(queried);
        Assert.All(queried, metric => Assert.Contains($"`{metric}`", documented));
    }

    [GeneratedRegex("platform_[a-z_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSeries();
}
