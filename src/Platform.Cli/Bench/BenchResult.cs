namespace Platform.Cli.Bench;

/// <summary>
/// One line of the benchmark table: what was measured, the value, and the target it is held to (if any). An
/// <see cref="Error"/> line holds no figure: the measurement could not be trusted, and the bench exits with an error.
/// </summary>
public sealed record BenchResult(string Metric, string Value, string Target = "", bool? Met = null, string Note = "", bool Error = false)
{
    public static BenchResult Untrusted(string metric, string target, string reason) => new(metric, "no figure", target, null, reason, Error: true);
}
