using Platform.Domain.Campaigns;

namespace Platform.Domain.Decisions;

/// <summary>
/// One lift of a back-test, per treated user: what the launch forecast expected over the whole attribution window, what
/// the holdout measured (null before both sides have 2 users), the error (forecast − measured), and whether the error is
/// within what the two uncertainties together allow at 80% and 95%: |error| ≤ z·√(forecast error² + measurement error²),
/// each error read from its 95% interval. The measurement's own noise (a holdout is small) counts, so honest
/// forecasts are inside about 80% and 95% of the time.
/// </summary>
public sealed record BacktestFigure(ForecastFigure Forecast, Estimate? Actual)
{
    private const double Z80 = 1.2815515655446004;
    private const double Z95 = 1.959963984540054;

    public double? Error => Actual is null ? null : Forecast.Value - Actual.Value;

    public bool? Inside80 => Within(Z80);

    public bool? Inside95 => Within(Z95);

    private bool? Within(double z)
    {
        if (Actual is null)
        {
            return null;
        }

        var forecastError = (Forecast.High95 - Forecast.Low95) / (2 * Z95);
        var measurementError = (Actual.High - Actual.Low) / (2 * Z95);
        return Math.Abs(Error!.Value) <= z * Math.Sqrt((forecastError * forecastError) + (measurementError * measurementError));
    }
}

/// <summary>An ended campaign against its launch forecast; complete once its last user's attribution window has closed.</summary>
public sealed record CampaignBacktest(
    string CampaignId, string Name, DateTimeOffset EndedAt, bool Complete, long TreatedUsers, long ControlUsers,
    BacktestFigure ConversionRateLift, BacktestFigure RevenuePerUserLift);

/// <summary>A model version's back-tests: the campaigns, and over the complete, measured ones the intervals' coverage and the mean absolute errors.</summary>
public sealed record ModelBacktest(
    IReadOnlyList<CampaignBacktest> Campaigns, int Measured, double? ConversionCoverage80, double? ConversionCoverage95,
    double? ConversionMeanAbsoluteError, double? RevenueCoverage95, double? RevenueMeanAbsoluteError);

/// <summary>
/// Back-tests ended campaigns with a holdout against the forecast they were launched with (docs/forecasts.md#back-tests),
/// like with like: the forecast's incremental conversions and GMV per treated user (the whole window) against the
/// holdout's measured conversion-rate and revenue-per-user lift among the enrolled users.
/// </summary>
public static class ForecastBacktest
{
    public static CampaignBacktest Of(Campaign campaign, CampaignForecast forecast, CampaignKpis kpis, DateTimeOffset now)
    {
        var ended = campaign.EndedAt ?? campaign.Design.EndsAt;
        return new CampaignBacktest(
            campaign.Id, campaign.Design.Name, ended, now >= ended.AddDays(campaign.Design.AttributionWindowDays), kpis.Treatment.Users, kpis.Control.Users,
            new BacktestFigure(ForecastTracking.Expected(forecast, share: 1), kpis.ConversionRateLift),
            new BacktestFigure(forecast.IncrementalGmv.Times(forecast.TreatedUsers > 0 ? 1 / forecast.TreatedUsers : 0), kpis.RevenuePerUserLift));
    }

    public static ModelBacktest Summarize(IReadOnlyList<CampaignBacktest> campaigns)
    {
        var conversions = campaigns.Where(c => c.Complete && c.ConversionRateLift.Actual is not null).Select(c => c.ConversionRateLift).ToList();
        var revenue = campaigns.Where(c => c.Complete && c.RevenuePerUserLift.Actual is not null).Select(c => c.RevenuePerUserLift).ToList();
        double? Share(IReadOnlyList<BacktestFigure> figures, Func<BacktestFigure, bool?> inside) =>
            figures.Count == 0 ? null : figures.Count(f => inside(f) == true) / (double)figures.Count;
        double? MeanAbsolute(IReadOnlyList<BacktestFigure> figures) => figures.Count == 0 ? null : figures.Average(f => Math.Abs(f.Error!.Value));
        return new ModelBacktest(
            campaigns, conversions.Count, Share(conversions, f => f.Inside80), Share(conversions, f => f.Inside95), MeanAbsolute(conversions),
            Share(revenue, f => f.Inside95), MeanAbsolute(revenue));
    }
}
