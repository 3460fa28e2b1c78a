namespace Platform.Gateway.Api.Types.Imports;

/// <summary>A campaign a past-experiment import created, with its arms.</summary>
public sealed record ExperimentCampaignResult(string CampaignId, string Name, double HoldoutShare, IReadOnlyList<ArmResult> Arms);
