namespace Platform.Worker.Training;

/// <summary>Settings under "Platform:Models" for training on a worker (docs/configuration.md#models).</summary>
public sealed class ModelTrainingOptions
{
    public const string Section = "Platform:Models";

    /// <summary>Bootstrap ensemble members of the uplift model.</summary>
    public int Members { get; set; } = 5;

    public int Seed { get; set; } = 7;

    public int MaxEpochs { get; set; } = 30;

    /// <summary>
    /// About the most rows a run reads (outcome rows, users or item interactions by task); past it, a uniform sample of
    /// users, each whole. Keeps the worker's memory from growing with the tenant: an UPLIFT run of 1,000,000 rows peaked at 1.5 GB.
    /// </summary>
    public long MaxRows { get; set; } = 1_000_000;

    /// <summary>How much a new version must beat the ACTIVE one on the task's primary metric to replace it on its own.</summary>
    public double PromotionMargin { get; set; }

    /// <summary>Attempts of a run that fails for a reason other than its data (the first included).</summary>
    public int MaxAttempts { get; set; } = 2;

    /// <summary>How long a running run may go without a heartbeat before its worker counts as lost.</summary>
    public int SilenceSeconds { get; set; } = 120;
}
