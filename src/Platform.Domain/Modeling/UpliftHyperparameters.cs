namespace Platform.Domain.Modeling;

/// <summary>What one training of the uplift network is set to; the ones chosen are stored with the version.</summary>
public sealed record UpliftHyperparameters(
    int Width = 64,
    double LearningRate = 1e-3,
    int MaxEpochs = 30,
    int BatchSize = 512,
    int Patience = 5,
    double WeightDecay = 1e-3,
    int Members = 5);
