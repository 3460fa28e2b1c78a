using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Platform.Cli.Bench;

/// <summary>Prints the results as a table and writes them, with the machine they ran on, to a Markdown file.</summary>
public static class BenchReport
{
    public static void Print(IAnsiConsole console, string title, IReadOnlyList<BenchResult> results)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumns("metric", "value", "target", "", "note");
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Metric), Markup.Escape(r.Value), Markup.Escape(r.Target), Verdict(r.Met, markup: true), Markup.Escape(r.Note));
        }

        console.Write(table);
    }

    public static async Task WriteAsync(string path, string title, string method, IReadOnlyList<BenchResult> results, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Benchmarks: {title}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Written by `./platform bench ingest` on {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; run it again to refresh this page.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine()}. Everything (PostgreSQL, the gateway node, the worker, the benchmark client) shares it.");
        text.AppendLine();
        text.AppendLine("| metric | value | target | | note |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Metric} | {r.Value} | {r.Target} | {Verdict(r.Met, markup: false)} | {r.Note} |");
        }

        text.AppendLine();
        text.AppendLine("## How it is measured");
        text.AppendLine();
        text.AppendLine(method);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, text.ToString(), cancellationToken);
    }

    private static string Verdict(bool? met, bool markup) => met switch
    {
        true => markup ? "[green]met[/]" : "met",
        false => markup ? "[red]missed[/]" : "**missed**",
        null => "",
    };

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"{Environment.ProcessorCount} cores{(cpu is null ? "" : $" ({cpu})")}, {memory:F0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }
}
