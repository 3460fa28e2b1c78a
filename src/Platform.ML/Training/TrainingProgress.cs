namespace Platform.ML.Training;

/// <summary>Where a training run is: its phase, and within it the step (member, epoch) with the latest losses.</summary>
public sealed record TrainingProgress(string Phase, int Step, int Steps, double? TrainLoss = null, double? ValidationLoss = null, string? Detail = null);
