using System.Text.Json;
using Platform.ML;

namespace Platform.Worker.Offline;

/// <summary>
/// The worker's offline tools, run by the CLI as a child process (the CLI never loads TorchSharp): `eval-uplift` and
/// `bench-train` and `bench-forward`. Progress goes to standard error; the result, as JSON, to standard output.
/// </summary>
public static class OfflineTools
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        IncludeFields = true,
    };

    public static bool Handles(string[] args) => args is ["eval-uplift", ..] or ["bench-train", ..] or ["bench-forward", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args.Skip(1).ToArray());
        TorchRuntime.Initialize(options.TryGetValue("threads", out var threads) ? int.Parse(threads, System.Globalization.CultureInfo.InvariantCulture) : null);
        int Int(string name, int fallback) => options.TryGetValue(name, out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        object result = args[0] switch
        {
            "eval-uplift" => await SimulatorEvaluation.RunAsync(
                new SimulatorEvaluation.Settings(
                    Int("users", 20_000),
                    (options.GetValueOrDefault("seeds") ?? "1,2,3").Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
                    Int("members", 5),
                    Int("max-epochs", 30)),
                Console.Error,
                CancellationToken.None),
            "bench-forward" => await ForwardBench.RunAsync(
                new ForwardBench.Settings(Storage.Database.DatabaseUrl.Resolve(null), options["tenant"], Int("offers", 200), Int("designs", 48), Int("repeats", 300), Int("shown", 3)), Console.Error, CancellationToken.None),
            _ => await TrainingBench.RunAsync(new TrainingBench.Settings(Int("rows", 1_000_000), Int("members", 5), Int("epochs", 3), Int("seed", 7)), Console.Error, CancellationToken.None),
        };
        Console.Out.WriteLine(JsonSerializer.Serialize(result, result.GetType(), Json));
        return 0;
    }

    // --name value pairs; the CLI that starts this process has validated them.
    private static Dictionary<string, string> Options(string[] args) =>
        Enumerable.Range(0, args.Length / 2).ToDictionary(i => args[2 * i].TrimStart('-'), i => args[(2 * i) + 1]);
}
