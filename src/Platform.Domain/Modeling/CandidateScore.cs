namespace Platform.Domain.Modeling;

/// <summary>A hyperparameter candidate of the bounded search and its validation loss.</summary>
public sealed record CandidateScore(int Width, double LearningRate, double ValidationLoss, int Epochs);
