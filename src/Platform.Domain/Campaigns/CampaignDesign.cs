using Platform.Domain.Audiences;

namespace Platform.Domain.Campaigns;

/// <summary>
/// What a merchant designs: the offer, where it is shown, to whom, when, and how its effect is measured
/// (a holdout share of the audience never gets the offer; purchases count within the attribution window), and what reaching
/// one treated user costs whatever they do (<see cref="CostPerContact"/>: a text message, a printed mailer).
/// <see cref="CampaignDesignRules"/> says what is valid.
/// </summary>
public sealed record CampaignDesign(
    string Name,
    CampaignType Type,
    decimal? Value,
    Channel? Channel,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    decimal? MinimumSpend = null,
    IReadOnlyList<string>? CategoryIds = null,
    IReadOnlyList<string>? ItemIds = null,
    IReadOnlyList<string>? ThemeTags = null,
    decimal? Budget = null,
    int? FrequencyCapPerDay = null,
    double HoldoutShare = CampaignDesign.DefaultHoldoutShare,
    Audience? Audience = null,
    int AttributionWindowDays = CampaignDesign.DefaultAttributionWindowDays,
    decimal CostPerContact = 0)
{
    public const double DefaultHoldoutShare = 0.10;
    public const int DefaultAttributionWindowDays = 7;

    /// <summary>Everyone when no audience was given.</summary>
    public Audience AudienceOrAll => Audience ?? new Audience(All: true);

    public TimeSpan Duration => EndsAt - StartsAt;
}
