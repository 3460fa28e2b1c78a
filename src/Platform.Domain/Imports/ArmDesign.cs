using Platform.Domain.Campaigns;

namespace Platform.Domain.Imports;

/// <summary>
/// A treatment arm of a past experiment: rows whose assignment column holds <see cref="AssignmentValue"/>
/// were offered this design. Each arm becomes an ended campaign; the control rows are its holdout.
/// </summary>
public sealed record ArmDesign(string AssignmentValue, string Name, CampaignType CampaignType, decimal? Value = null, Channel? Channel = null);
