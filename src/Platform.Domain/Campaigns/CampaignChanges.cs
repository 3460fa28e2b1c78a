using Platform.Domain.Audiences;

namespace Platform.Domain.Campaigns;

/// <summary>A partial change of a design: every field left null keeps its current value.</summary>
public sealed record CampaignChanges(
    string? Name = null,
    CampaignType? Type = null,
    decimal? Value = null,
    Channel? Channel = null,
    DateTimeOffset? StartsAt = null,
    DateTimeOffset? EndsAt = null,
    decimal? MinimumSpend = null,
    IReadOnlyList<string>? CategoryIds = null,
    IReadOnlyList<string>? ItemIds = null,
    IReadOnlyList<string>? ThemeTags = null,
    decimal? Budget = null,
    int? FrequencyCapPerDay = null,
    double? HoldoutShare = null,
    Audience? Audience = null,
    int? AttributionWindowDays = null,
    decimal? CostPerContact = null)
{
    public CampaignDesign ApplyTo(CampaignDesign design) => new(
        Name ?? design.Name,
        Type ?? design.Type,
        Type is CampaignType.FreeShipping or CampaignType.MessageOnly ? Value : Value ?? design.Value,
        Channel ?? design.Channel,
        StartsAt ?? design.StartsAt,
        EndsAt ?? design.EndsAt,
        MinimumSpend ?? design.MinimumSpend,
        CategoryIds ?? design.CategoryIds,
        ItemIds ?? design.ItemIds,
        ThemeTags ?? design.ThemeTags,
        Budget ?? design.Budget,
        FrequencyCapPerDay ?? design.FrequencyCapPerDay,
        HoldoutShare ?? design.HoldoutShare,
        Audience ?? design.Audience,
        AttributionWindowDays ?? design.AttributionWindowDays,
        CostPerContact ?? design.CostPerContact);
}
