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
            table.AddRow(Markup.Escape(r.Metric), Markup.Escape(r.Value), Markup.Escape(r.Target), Verdict(r, markup: true), Markup.Escape(r.Note));
        }

        console.Write(table);
    }

    /// <summary>
    /// Writes the bench's section ("## title") of the Markdown file, keeping the other benches' sections, so
    /// each `./platform bench …` command refreshes only its own part.
    /// </summary>
    public static async Task WriteAsync(string path, string command, string title, string method, IReadOnlyList<BenchResult> results, CancellationToken cancellationToken)
    {
        var section = new StringBuilder();
        section.AppendLine(CultureInfo.InvariantCulture, $"## {title}");
        section.AppendLine();
        section.AppendLine(CultureInfo.InvariantCulture, $"Written by `./platform bench {command}` on {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; run it again to refresh this section.");
        section.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine()}. Everything (PostgreSQL, the gateway node, the worker, the benchmark client) shares it.");
        section.AppendLine();
        section.AppendLine("| metric | value | target | | note |");
        section.AppendLine("|---|---|---|---|---|");
        foreach (var r in results)
        {
            section.AppendLine(CultureInfo.InvariantCulture, $"| {r.Metric} | {r.Value} | {r.Target} | {Verdict(r, markup: false)} | {r.Note} |");
        }

        section.AppendLine();
        section.AppendLine("### How it is measured");
        section.AppendLine();
        section.AppendLine(method.TrimEnd());
        section.AppendLine();

        var sections = File.Exists(path) ? Sections(await File.ReadAllTextAsync(path, cancellationToken)) : [];
        var index = sections.FindIndex(s => s.StartsWith($"## {title}\n", StringComparison.Ordinal));
        if (index >= 0)
        {
            sections[index] = section.ToString();
        }
        else
        {
            sections.Add(section.ToString());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, $"{Preamble}\n\n{string.Concat(sections)}".TrimEnd() + "\n", cancellationToken);
    }

    private const string Preamble = "# Benchmarks\n\nEach section is written by the `./platform bench …` command it names, except the evidence sections, which say how\nthey were gathered. The machine is shared with other work: compare within a run (the ratios) and rerun before drawing conclusions.";

    // The "## " sections of the file, each with its text up to the next one.
    private static List<string> Sections(string text)
    {
        var sections = new List<string>();
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                sections.Add("");
            }

            if (sections.Count > 0)
            {
                sections[^1] += line + "\n";
            }
        }

        return sections;
    }

    private static string Verdict(BenchResult result, bool markup) => result switch
    {
        { Error: true } => markup ? "[red bold]ERROR[/]" : "**ERROR**",
        { Met: true } => markup ? "[green]met[/]" : "met",
        { Met: false } => markup ? "[red]missed[/]" : "**missed**",
        _ => "",
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
