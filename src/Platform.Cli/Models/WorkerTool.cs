using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;

namespace Platform.Cli.Models;

/// <summary>
/// Runs one of the worker's offline tools (`eval-uplift`, `bench-train`) as a child process: TorchSharp stays in the
/// worker. Its progress lines are shown as they come; its result is the JSON it prints.
/// </summary>
public static class WorkerTool
{
    /// <summary>The worker the ./platform script built, or the one named by PLATFORM_WORKER_DLL.</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable("PLATFORM_WORKER_DLL")
        ?? Path.Combine(Environment.GetEnvironmentVariable("PLATFORM_ROOT") ?? ".", "artifacts", "Release", "worker", "Platform.Worker.dll");

    public static async Task<JsonElement> RunAsync(string workerPath, IReadOnlyList<string> arguments, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (!File.Exists(workerPath))
        {
            throw new InvalidOperationException($"The worker is not built at {workerPath}: run it through ./platform, or set PLATFORM_WORKER_DLL.");
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(workerPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // As the worker runs in production (docs/configuration.md#worker).
        start.Environment["MALLOC_MMAP_THRESHOLD_"] = "33554432";
        start.Environment["MALLOC_TOP_PAD_"] = "16777216";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The worker could not be started.");
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                console.MarkupLineInterpolated($"[grey]{text}[/]");
            }
        };
        process.BeginErrorReadLine();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The worker's {arguments[0]} exited with code {process.ExitCode}.");
        }

        return JsonDocument.Parse(await output).RootElement.Clone();
    }
}
