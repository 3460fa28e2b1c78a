using Spectre.Console;

namespace Platform.Cli;

/// <summary>One line of progress: a name, how far, out of how much.</summary>
public sealed class ProgressLine(string name, double total)
{
    public string Name { get; } = name;

    public double Total { get; set; } = Math.Max(1, total);

    public double Value { get; set; }

    public string? Status { get; set; }
}

/// <summary>
/// Progress of a long operation: live bars on a terminal; elsewhere (CI logs, pipes) a line per task every
/// few seconds when it moved or its status changed, and when it completes, so a log still shows how far it got.
/// </summary>
public static class ConsoleProgress
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, IReadOnlyList<ProgressLine> lines, Func<Task<T>> work)
    {
        var running = work();
        if (console.Profile.Capabilities.Interactive)
        {
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var bars = lines.Select(l => context.AddTask(l.Name, maxValue: l.Total)).ToList();
                    while (true)
                    {
                        var finished = running.IsCompleted;
                        for (var i = 0; i < lines.Count; i++)
                        {
                            bars[i].MaxValue = lines[i].Total;
                            bars[i].Value = Math.Min(lines[i].Value, lines[i].Total);
                            bars[i].Description = lines[i].Status is { } status ? $"{lines[i].Name} [grey]{Markup.Escape(status)}[/]" : lines[i].Name;
                        }

                        if (finished)
                        {
                            return;
                        }

                        await Task.WhenAny(running, Task.Delay(200));
                    }
                });
            return await running;
        }

        var reported = lines.Select(_ => (Value: -1.0, Status: (string?)null)).ToArray();
        var lastReport = DateTime.MinValue;
        while (true)
        {
            var finished = running.IsCompleted;
            if (finished || DateTime.UtcNow - lastReport > TimeSpan.FromSeconds(5))
            {
                for (var i = 0; i < lines.Count; i++)
                {
                    if ((lines[i].Value, lines[i].Status) != reported[i])
                    {
                        console.WriteLine($"{lines[i].Name}: {lines[i].Value:N0} / {lines[i].Total:N0}{(lines[i].Status is { } status ? $" ({status})" : "")}");
                        reported[i] = (lines[i].Value, lines[i].Status);
                    }
                }

                lastReport = DateTime.UtcNow;
            }

            if (finished)
            {
                return await running;
            }

            await Task.WhenAny(running, Task.Delay(200));
        }
    }
}
