namespace Platform.Domain.Modeling;

/// <summary>
/// How a version was trained, stored with it whatever its task: the data (rows, their time range, campaigns for UPLIFT,
/// split sizes, the share of the tenant's users read) and the run's reproducibility facts. The hyperparameter search is
/// in the task's metrics. <see cref="SampleShare"/> is 1 for versions stored before it existed, which read everything.
/// </summary>
public sealed record TrainingFacts(
    long Rows,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int? Campaigns,
    int TrainRows,
    int ValidationRows,
    int TestRows,
    int Seed,
    string Device,
    int Threads,
    string Torch,
    long DurationMs,
    double SampleShare = 1);
