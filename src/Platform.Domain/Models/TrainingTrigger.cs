namespace Platform.Domain.Models;

/// <summary>Who asked for a training run. Stored by name: never rename.</summary>
public enum TrainingTrigger
{
    Manual,
    Schedule,
}
