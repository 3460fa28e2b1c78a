using Platform.Domain.Campaigns;

namespace Platform.Domain.Decisions;

/// <summary>Where a campaign's measured incremental conversions stand against its launch forecast at one hour.</summary>
public enum TrackingStatus
{
    /// <summary>Inside the expected 95% interval.</summary>
    Inside,

    /// <summary>Above it: the campaign does better than forecast.</summary>
    Above,

    /// <summary>Below it: the campaign does worse than forecast.</summary>
    Below,

    /// <summary>Not measurable yet: a side has fewer than 2 users.</summary>
    NoData,
}

/// <summary>One hour of a campaign against its forecast: measured incremental conversions and what the forecast expects by then.</summary>
public sealed record TrackingPoint(DateTimeOffset At, Estimate? Actual, ForecastFigure Expected, TrackingStatus Status);

/// <summary>A campaign's hours against its forecast, and whether it has left the forecast's interval for long enough to alert.</summary>
public sealed record CampaignTracking(IReadOnlyList<TrackingPoint> Points, bool Alert, DateTimeOffset? AlertSince);

/// <summary>
/// Compares a running campaign's measured incremental conversions, hour by hour, with its launch forecast
/// (docs/forecasts.md#forecast-against-actual). The forecast is for the whole run: users are reached over the campaign's
/// duration and buy within their attribution window, so by a moment t it expects the share
/// f = (t − start) ÷ (duration + window) of its total (at most 1): the point × f, the interval's half-widths × √f (the
/// users' own chance grows with the users reached; the model part, which would scale with f, is taken as wide as that,
/// so the band errs wide rather than narrow). An alert is raised when <see cref="AlertAfterHours"/> hours in a row lie
/// outside the 95% band.
/// </summary>
public static class ForecastTracking
{
    public const int AlertAfterHours = 3;

    public static double ExpectedShare(CampaignDesign design, DateTimeOffset start, DateTimeOffset at)
    {
        var span = design.Duration + TimeSpan.FromDays(design.AttributionWindowDays);
        return span <= TimeSpan.Zero ? 1 : Math.Clamp((at - start) / span, 0, 1);
    }

    public static ForecastFigure Expected(ForecastFigure total, double share)
    {
        var root = Math.Sqrt(share);
        var point = total.Value * share;
        return new ForecastFigure(
            point, point - ((total.Value - total.Low80) * root), point + ((total.High80 - total.Value) * root),
            point - ((total.Value - total.Low95) * root), point + ((total.High95 - total.Value) * root));
    }

    public static TrackingStatus StatusOf(Estimate? actual, ForecastFigure expected) => actual switch
    {
        null => TrackingStatus.NoData,
        _ when actual.Value > expected.High95 => TrackingStatus.Above,
        _ when actual.Value < expected.Low95 => TrackingStatus.Below,
        _ => TrackingStatus.Inside,
    };

    /// <param name="hours">The campaign's hourly KPIs (kpiHistory), oldest first.</param>
    public static CampaignTracking Track(
        CampaignForecast forecast, CampaignDesign design, DateTimeOffset start, IReadOnlyList<(DateTimeOffset At, Estimate? IncrementalConversions)> hours)
    {
        var points = hours.Select(h =>
        {
            var expected = Expected(forecast.IncrementalConversions, ExpectedShare(design, start, h.At));
            return new TrackingPoint(h.At, h.IncrementalConversions, expected, StatusOf(h.IncrementalConversions, expected));
        }).ToList();

        // The latest run of consecutive hours outside the band, ending at the latest hour.
        var run = points.AsEnumerable().Reverse().TakeWhile(p => p.Status is TrackingStatus.Above or TrackingStatus.Below).ToList();
        var alert = run.Count >= AlertAfterHours;
        return new CampaignTracking(points, alert, alert ? run[^1].At : null);
    }
}
