namespace Platform.Domain.Modeling;

/// <summary>How an uplift version was trained, stored with it: the data (rows, assignment range, campaigns, split sizes), the hyperparameter search and choice, and the run's reproducibility facts.</summary>
public sealed record UpliftTrainingInfo(
    long Rows,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int Campaigns,
    int TrainRows,
    int ValidationRows,
    int TestRows,
    UpliftHyperparameters Hyperparameters,
    IReadOnlyList<CandidateScore> Candidates,
    int Seed,
    string Device,
    int Threads,
    string Torch,
    long DurationMs);
