namespace Platform.Domain.Modeling;

/// <summary>What one training of the uplift network is set to; the ones chosen are stored with the version.</summary>
public sealed record UpliftHyperparameters(
    int Width = 64,
    double LearningRate = 1e-3,
    int MaxEpochs = 30,
    int BatchSize = 512,
    int Patience = 5,
    double WeightDecay = 0,
    int Members = 5)
{
    /// <summary>
    /// Rows per mini-batch for a training set: about 50 batches an epoch, between 64 and 512 rows, so a small tenant's
    /// network gets enough optimizer steps before early stopping judges it, and a large one's epochs stay fast.
    /// </summary>
    public static int BatchSizeFor(int trainRows) => Math.Clamp(trainRows / 50, 64, 512);
}
