namespace Platform.Domain.Modeling.UserScores;

/// <summary>What a user-score training found: the model's and the baseline's figures on the held-out users, the search, and the personas.</summary>
public sealed record UserScoreReport(
    int TrainRows,
    int ValidationUsers,
    int TestUsers,
    UserScoreEvaluation Model,
    UserScoreEvaluation Baseline,
    UserScoreHyperparameters Hyperparameters,
    IReadOnlyList<CandidateScore> Candidates,
    IReadOnlyList<Persona> Personas,
    IReadOnlyList<PersonaChoice> PersonaChoices);

/// <summary>A USERS version's metrics as stored: its report, and the then ACTIVE version's figures on the same held-out users.</summary>
public sealed record UserScoreVersionMetrics(UserScoreReport Report, UserScoreEvaluation? Champion, Guid? ChampionVersionId);
