namespace Platform.Gateway.Api.Types.Imports;

/// <summary>What a finished import reports (stored as JSON on the job).</summary>
public sealed record ImportSummary(
    IReadOnlyList<string>? IgnoredColumns, IReadOnlyList<ExperimentCampaignResult>? Campaigns, IReadOnlyList<UnbalancedColumn>? UnbalancedColumns = null,
    IReadOnlyList<Domain.Imports.ScreenedColumn>? LeftOutFeatures = null);

/// <summary>An experiment's column that differs between its control group and an arm (docs/imports.md#past-experiments).</summary>
public sealed record UnbalancedColumn(string Column, string Arm, double? StandardizedDifference, bool Feature);
