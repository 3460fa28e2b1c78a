namespace Platform.Domain.Modeling;

/// <summary>What a training found, stored with the version: row counts, the model's and the baseline's figures on the same held-out users, and each campaign's effect check.</summary>
public sealed record UpliftReport(
    int TrainRows,
    int ValidationRows,
    int TestRows,
    int Campaigns,
    UpliftEvaluation Model,
    UpliftEvaluation Baseline,
    IReadOnlyList<CampaignEffect> Effects,
    UpliftHyperparameters Hyperparameters,
    IReadOnlyList<CandidateScore> Candidates)
{
    /// <summary>The share of campaigns whose observed held-out lift lies in the predicted 95% interval (NaN without campaigns).</summary>
    public double Coverage95 => Effects.Count == 0 ? double.NaN : Effects.Count(e => e.Covered95) / (double)Effects.Count;

    public double Coverage80 => Effects.Count == 0 ? double.NaN : Effects.Count(e => e.Covered80) / (double)Effects.Count;
}
