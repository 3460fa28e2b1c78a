using System.Text.Json.Serialization;

namespace Platform.Domain.Decisions;

/// <summary>One group of the audience (an RFM segment) in a forecast.</summary>
public sealed record ForecastGroup(string Name, long Users, ForecastFigure IncrementalConversions, ForecastFigure IncrementalGmv, ForecastFigure IncrementalMargin);

/// <summary>
/// What a campaign design is expected to do with an audience over its outcome window (docs/forecasts.md): the treated
/// users' participation, conversions, orders and GMV, what the offer adds over not running it, its discount cost and ROI,
/// each with 80% and 95% intervals; how much of the campaign the budget pays for; a breakdown by segment; and warnings.
/// <see cref="Orders"/> and <see cref="ContactCost"/> are null in a launch forecast stored before they were forecast.
/// </summary>
public sealed record CampaignForecast(
    long AudienceUsers,
    double TreatedUsers,
    ForecastFigure Participants,
    ForecastFigure Conversions,
    ForecastFigure Gmv,
    ForecastFigure IncrementalConversions,
    ForecastFigure IncrementalGmv,
    ForecastFigure DiscountCost,
    ForecastFigure IncrementalMargin,
    ForecastFigure? Roi,
    double BudgetShare,
    DateTimeOffset? BudgetRunsOutAt,
    IReadOnlyList<ForecastGroup> Segments,
    IReadOnlyList<string> Warnings,
    ForecastFigure? Orders = null,
    ForecastFigure? ContactCost = null)
{
    /// <summary>What the campaign is expected to spend: the discount cost and the contacts' cost.</summary>
    [JsonIgnore]
    public double Cost => DiscountCost.Value + (ContactCost?.Value ?? 0);
}
