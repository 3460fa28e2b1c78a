namespace Platform.Domain.Modeling.UserScores;

/// <summary>
/// One user at one cutoff as the user-score model learns from them (docs/models.md#user-scores): the features at the
/// cutoff, and what the user did in the window after it. <see cref="Snapshot"/> 0 is the latest cutoff.
/// </summary>
public sealed record UserScoreRow(string UserId, IReadOnlyDictionary<string, FeatureValue> Features, UserOutcome Outcome, int Snapshot = 0);

/// <summary>What a user did in the window: bought or not, how much, and whether they came back at all (no event: churned).</summary>
public readonly record struct UserOutcome(bool Purchased, double Spend, bool Churned);
