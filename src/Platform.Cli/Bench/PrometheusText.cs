using System.Globalization;

namespace Platform.Cli.Bench;

/// <summary>The samples of a Prometheus text exposition (/metrics): name, labels in any order, and value.</summary>
public static class PrometheusText
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static IReadOnlyList<Sample> Parse(string exposition) =>
        exposition.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(Line).ToList();

    /// <summary>The samples of a metric whose labels include the given ones.</summary>
    public static IEnumerable<Sample> All(this IReadOnlyList<Sample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value));

    /// <summary>The one sample of a metric with the given labels; an error when the exposition has none.</summary>
    public static double Value(this IReadOnlyList<Sample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.All(name, labels).Select(s => (double?)s.Value).FirstOrDefault()
            ?? throw new InvalidOperationException($"The gateway's /metrics has no {name}{(labels.Length == 0 ? "" : $" with {string.Join(", ", labels.Select(l => $"{l.Key}={l.Value}"))}")}.");

    public static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static Sample Line(string line)
    {
        var space = line.LastIndexOf(' ');
        var brace = line.IndexOf('{');
        if (brace < 0 || brace > space)
        {
            return new Sample(line[..space], new Dictionary<string, string>(), Number(line[(space + 1)..]));
        }

        var labels = line[(brace + 1)..line.LastIndexOf('}')].Split("\",", StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split("=\"", 2))
            .ToDictionary(pair => pair[0], pair => pair[1].TrimEnd('"'), StringComparer.Ordinal);
        return new Sample(line[..brace], labels, Number(line[(space + 1)..]));
    }
}
