namespace Platform.Storage.Experiments;

/// <summary>One customer on one side of a campaign and what they did in the window (a training row).</summary>
public sealed record OutcomeRow(
    string CampaignId,
    string UserId,
    bool Treated,
    DateTimeOffset AssignedAt,
    int WindowDays,
    bool? Participated,
    int? Conversions,
    decimal? Revenue,
    string FeaturesJson,
    Guid? ImportId,
    IReadOnlyList<double>? Covariates = null);
