namespace Platform.Cli.Bench;

/// <summary>One line of the benchmark table: what was measured, the value, and the target it is held to (if any).</summary>
public sealed record BenchResult(string Metric, string Value, string Target = "", bool? Met = null, string Note = "");
