namespace Platform.ML;

/// <summary>The loss after each step and the final parameters, flattened in <c>parameters()</c> order.</summary>
public sealed record TrainingRun(IReadOnlyList<double> Losses, float[] Weights);
