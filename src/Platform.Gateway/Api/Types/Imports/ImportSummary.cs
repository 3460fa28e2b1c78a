namespace Platform.Gateway.Api.Types.Imports;

/// <summary>What a finished import reports (stored as JSON on the job).</summary>
public sealed record ImportSummary(IReadOnlyList<string>? IgnoredColumns, IReadOnlyList<ExperimentCampaignResult>? Campaigns);
