namespace Platform.Domain.Modeling;

/// <summary>
/// One user assigned to one side of a campaign, as training sees it: the features at assignment and the outcomes within
/// the window (null where the source did not record them, e.g. an experiment file without a revenue column).
/// </summary>
public sealed record UpliftRow(
    string CampaignId,
    string UserId,
    bool Treated,
    int? Conversions,
    double? Revenue,
    bool? Participated,
    IReadOnlyDictionary<string, FeatureValue> Features,
    DateTimeOffset AssignedAt);
