using Platform.Domain.Campaigns;

namespace Platform.Domain.Imports;

/// <summary>
/// A treatment arm of a past experiment: rows whose assignment column holds <see cref="AssignmentValue"/> were offered
/// this design. Each arm becomes an ended campaign whose holdout is the control rows, and carries every design field
/// that is known, so models can tell two arms apart by what they offered (docs/imports.md#past-experiments).
/// </summary>
public sealed record ArmDesign(
    string AssignmentValue,
    string Name,
    CampaignType CampaignType,
    decimal? Value = null,
    Channel? Channel = null,
    decimal? MinimumSpend = null,
    IReadOnlyList<string>? CategoryIds = null,
    IReadOnlyList<string>? ItemIds = null,
    IReadOnlyList<string>? ThemeTags = null,
    int? DurationDays = null,
    decimal CostPerContact = 0)
{
    /// <summary>The arm as a campaign design; it ran from <paramref name="startsAt"/> for its duration (else the outcome window).</summary>
    public CampaignDesign ToDesign(string name, DateTimeOffset startsAt, int windowDays, double holdoutShare) => new(
        name, CampaignType, Value, Channel, startsAt, startsAt.AddDays(DurationDays ?? windowDays), MinimumSpend, CategoryIds, ItemIds, ThemeTags,
        HoldoutShare: holdoutShare, AttributionWindowDays: windowDays, CostPerContact: CostPerContact);
}
