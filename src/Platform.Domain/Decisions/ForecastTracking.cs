using Platform.Domain.Campaigns;

namespace Platform.Domain.Decisions;

/// <summary>Where a campaign's measured conversion-rate lift stands against its launch forecast at one hour.</summary>
public enum TrackingStatus
{
    /// <summary>The measured interval overlaps the expected 95% interval.</summary>
    Inside,

    /// <summary>Above it: the campaign does better than forecast.</summary>
    Above,

    /// <summary>Below it: the campaign does worse than forecast.</summary>
    Below,

    /// <summary>Not measurable yet: no interval (too few users on a side, or no outcome varies yet).</summary>
    NoData,
}

/// <summary>A figure per treated user at one hour: measured (with its 95% interval), what the forecast expects of it by then, and where it stands.</summary>
public sealed record TrackedFigure(Estimate? Actual, ForecastFigure Expected, TrackingStatus Status);

/// <summary>
/// One hour of a campaign against its forecast: the measured conversion-rate lift and what the forecast expects of it by
/// then (what alerts), and the same for revenue per user, the treated users' conversion rate, the participation rate and
/// the discount cost per user.
/// </summary>
public sealed record TrackingPoint(
    DateTimeOffset At, Estimate? Actual, ForecastFigure Expected, TrackingStatus Status,
    TrackedFigure Revenue, TrackedFigure ConversionRate, TrackedFigure Participation, TrackedFigure DiscountCost);

/// <summary>A campaign's hours against its forecast, and whether it has left the forecast's interval for long enough to alert.</summary>
public sealed record CampaignTracking(IReadOnlyList<TrackingPoint> Points, bool Alert, DateTimeOffset? AlertSince);

/// <summary>
/// A campaign outside its forecast: since when (the end of the first hour of the run), which way the latest hour lies,
/// how many hours the run has, and the latest hour's measured and expected lift.
/// </summary>
public sealed record TrackingAlert(DateTimeOffset Since, TrackingStatus Direction, int Hours, Estimate? Actual, ForecastFigure Expected);

/// <summary>
/// Compares a running campaign's measured conversion lift, hour by hour, with its launch forecast
/// (docs/forecasts.md#forecast-against-actual). All are per treated user: the conversion-rate lift among the users
/// enrolled so far (treated rate − control rate, with the always-valid 95% interval the hours are read with), against the forecast's incremental conversions
/// per treated user; the revenue-per-user lift against the forecast's incremental GMV per treated user; the conversion
/// rate, the participation rate and the discount cost per user against the forecast's conversions, participants and
/// discount cost per treated user (<see cref="MeasuredHour"/>). A user's window opens at enrollment, so by a moment t the
/// forecast expects the share f = min(1, (t − start) ÷ attribution window) of each (users taken as enrolled at the start:
/// early on, the expectation runs ahead of late enrollees), but all of the participation, which comes when the offer
/// reaches a user. An hour is ABOVE or BELOW only when the measured interval and the expected 95% interval do not overlap;
/// an alert is raised when the latest hours with updates, as many as configured (Platform:Campaigns:AlertAfterHours,
/// <see cref="DefaultAlertAfterHours"/> by default), are — on the conversion-rate lift alone.
/// </summary>
public static class ForecastTracking
{
    public const int DefaultAlertAfterHours = 3;

    public static double ExpectedShare(CampaignDesign design, DateTimeOffset start, DateTimeOffset at) =>
        Math.Clamp((at - start) / TimeSpan.FromDays(design.AttributionWindowDays), 0, 1);

    /// <summary>The forecast's incremental conversions per treated user, the share <paramref name="share"/> of it.</summary>
    public static ForecastFigure Expected(CampaignForecast forecast, double share) => PerTreatedUser(forecast, forecast.IncrementalConversions, share);

    /// <summary>The forecast's incremental GMV per treated user, the share <paramref name="share"/> of it.</summary>
    public static ForecastFigure ExpectedRevenue(CampaignForecast forecast, double share) => PerTreatedUser(forecast, forecast.IncrementalGmv, share);

    /// <summary>
    /// The forecast's participants per treated user (a participation rate), whole from the start: users take part when the
    /// offer reaches them, not over their window as they buy.
    /// </summary>
    public static ForecastFigure ExpectedParticipation(CampaignForecast forecast) => PerTreatedUser(forecast, forecast.Participants, 1);

    /// <summary>The forecast's discount cost per treated user, the share <paramref name="share"/> of it.</summary>
    public static ForecastFigure ExpectedDiscountCost(CampaignForecast forecast, double share) => PerTreatedUser(forecast, forecast.DiscountCost, share);

    /// <summary>The forecast's conversions per treated user (a conversion rate), the share <paramref name="share"/> of it.</summary>
    public static ForecastFigure ExpectedConversionRate(CampaignForecast forecast, double share) => PerTreatedUser(forecast, forecast.Conversions, share);

    private static ForecastFigure PerTreatedUser(CampaignForecast forecast, ForecastFigure total, double share) =>
        total.Times(forecast.TreatedUsers > 0 ? share / forecast.TreatedUsers : 0);

    /// <summary>No measured lift, or one without spread yet (no side's outcome varies: nobody, or everybody, bought), is no data.</summary>
    public static TrackingStatus StatusOf(Estimate? actual, ForecastFigure expected) => actual switch
    {
        null => TrackingStatus.NoData,
        _ when actual.High - actual.Low <= 0 => TrackingStatus.NoData,
        _ when actual.Low > expected.High95 => TrackingStatus.Above,
        _ when actual.High < expected.Low95 => TrackingStatus.Below,
        _ => TrackingStatus.Inside,
    };

    /// <param name="hours">The campaign's hours (kpiHistory) as measured, oldest first.</param>
    /// <param name="alertAfterHours">How many of the latest hours outside the band raise the alert.</param>
    public static CampaignTracking Track(CampaignForecast forecast, CampaignDesign design, DateTimeOffset start, IReadOnlyList<MeasuredHour> hours, int alertAfterHours)
    {
        var points = hours.Select(h =>
        {
            var share = ExpectedShare(design, start, h.At);
            var expected = Expected(forecast, share);
            return new TrackingPoint(
                h.At, h.ConversionRateLift, expected, StatusOf(h.ConversionRateLift, expected),
                Tracked(h.RevenuePerUserLift, ExpectedRevenue(forecast, share)),
                Tracked(h.ConversionRate, ExpectedConversionRate(forecast, share)),
                Tracked(h.ParticipationRate, ExpectedParticipation(forecast)),
                Tracked(h.DiscountCostPerUser, ExpectedDiscountCost(forecast, share)));
        }).ToList();

        var run = LatestRunOutside(points);
        var alert = run.Count >= alertAfterHours;
        return new CampaignTracking(points, alert, alert ? run[^1].At : null);
    }

    private static TrackedFigure Tracked(Estimate? actual, ForecastFigure expected) => new(actual, expected, StatusOf(actual, expected));

    /// <summary>The alert a tracking raises, with its details; null without one.</summary>
    public static TrackingAlert? AlertOf(CampaignTracking? tracking)
    {
        if (tracking is not { Alert: true, AlertSince: { } since })
        {
            return null;
        }

        var latest = tracking.Points[^1];
        return new TrackingAlert(since, latest.Status, LatestRunOutside(tracking.Points).Count, latest.Actual, latest.Expected);
    }

    // The latest run of hours outside the band, ending at the latest one, latest first.
    private static List<TrackingPoint> LatestRunOutside(IReadOnlyList<TrackingPoint> points) =>
        points.Reverse().TakeWhile(p => p.Status is TrackingStatus.Above or TrackingStatus.Below).ToList();
}
