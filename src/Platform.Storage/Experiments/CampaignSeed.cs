namespace Platform.Storage.Experiments;

/// <summary>A campaign as a past experiment defines it (the campaigns issue adds the full design).</summary>
public sealed record CampaignSeed(
    string CampaignId,
    string Name,
    string Type,
    decimal? Value,
    string? Channel,
    string Status,
    double HoldoutShare,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string Source);
