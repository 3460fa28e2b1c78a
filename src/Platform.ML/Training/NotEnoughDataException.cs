namespace Platform.ML.Training;

/// <summary>A tenant's data cannot support the model (too few rows, one side missing, no outcome): the run fails with this reason and makes no version.</summary>
public sealed class NotEnoughDataException(string message) : Exception(message);
