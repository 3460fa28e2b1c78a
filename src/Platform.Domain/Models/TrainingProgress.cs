namespace Platform.Domain.Models;

/// <summary>
/// Where a training run is (docs/models.md#following-a-run): its phase (reading, selecting, training, evaluating), the
/// step within it (a hyperparameter candidate or an ensemble member) out of how many, the epoch, and that epoch's losses.
/// </summary>
public sealed record TrainingProgress(
    string Phase, int Step, int Steps, int? Epoch = null, double? TrainLoss = null, double? ValidationLoss = null, string? Detail = null);
