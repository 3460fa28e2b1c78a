namespace Platform.Domain.Modeling.UserScores;

/// <summary>What the user-score network was trained with; the chosen values are stored with the version.</summary>
public sealed record UserScoreHyperparameters(int Width, double LearningRate, int MaxEpochs, int BatchSize, int Patience = 4, double WeightDecay = 1e-4);
