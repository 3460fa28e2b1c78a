namespace Platform.Storage.SystemChecks;

/// <summary>What a worker measured during a successful system check.</summary>
public sealed record SystemCheckOutcome(
    string TorchVersion,
    string Device,
    int Threads,
    string PostgresVersion,
    double LossBefore,
    double LossAfter,
    double DurationMs);
