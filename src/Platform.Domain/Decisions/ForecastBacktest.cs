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
    BacktestFigure ConversionRateLift, BacktestFigure RevenuePerUserLift, BacktestFigure IncrementalMarginPerUser);

/// <summary>One figure over the complete campaigns that measured it: how many, the shares inside80 and inside95, and the mean |error|.</summary>
public sealed record BacktestSummary(int Measured, double? Coverage80, double? Coverage95, double? MeanAbsoluteError)
{
    public static BacktestSummary Of(IReadOnlyList<BacktestFigure> figures)
    {
        var measured = figures.Where(f => f.Actual is not null).ToList();
        double? Share(Func<BacktestFigure, bool?> inside) => measured.Count == 0 ? null : measured.Count(f => inside(f) == true) / (double)measured.Count;
        return new(measured.Count, Share(f => f.Inside80), Share(f => f.Inside95), measured.Count == 0 ? null : measured.Average(f => Math.Abs(f.Error!.Value)));
    }
}

/// <summary>A model version's back-tests: the campaigns, and over the complete ones the summary of each figure.</summary>
public sealed record ModelBacktest(IReadOnlyList<CampaignBacktest> Campaigns, BacktestSummary Conversion, BacktestSummary Revenue, BacktestSummary Margin);

/// <summary>
/// Back-tests ended campaigns with a holdout against the forecast they were launched with (docs/forecasts.md#back-tests),
/// like with like, per treated user over the whole window: the forecast's incremental conversions, GMV and margin against
/// the holdout's measured conversion-rate and revenue-per-user lifts among the enrolled users, and the margin they make
/// (revenue lift × margin rate − discount and contact cost per treated user; the costs are counted, not sampled, so the revenue lift's
/// interval is the margin's).
/// </summary>
public static class ForecastBacktest
{
    public static CampaignBacktest Of(Campaign campaign, CampaignForecast forecast, CampaignKpis kpis, double marginRate, DateTimeOffset now)
    {
        var ended = campaign.EndedAt ?? campaign.Design.EndsAt;
        var perTreatedUser = forecast.TreatedUsers > 0 ? 1 / forecast.TreatedUsers : 0;
        return new CampaignBacktest(
            campaign.Id, campaign.Design.Name, ended, now >= ended.AddDays(campaign.Design.AttributionWindowDays), kpis.Treatment.Users, kpis.Control.Users,
            new BacktestFigure(ForecastTracking.Expected(forecast, share: 1), kpis.ConversionRateLift),
            new BacktestFigure(forecast.IncrementalGmv.Times(perTreatedUser), kpis.RevenuePerUserLift),
            new BacktestFigure(forecast.IncrementalMargin.Times(perTreatedUser), MarginPerUser(kpis, marginRate)));
    }

    public static ModelBacktest Summarize(IReadOnlyList<CampaignBacktest> campaigns)
    {
        var complete = campaigns.Where(c => c.Complete).ToList();
        return new ModelBacktest(
            campaigns,
            BacktestSummary.Of(complete.Select(c => c.ConversionRateLift).ToList()),
            BacktestSummary.Of(complete.Select(c => c.RevenuePerUserLift).ToList()),
            BacktestSummary.Of(complete.Select(c => c.IncrementalMarginPerUser).ToList()));
    }

    private static Estimate? MarginPerUser(CampaignKpis kpis, double marginRate)
    {
        if (kpis.RevenuePerUserLift is not { } revenue || kpis.Treatment.Users == 0)
        {
            return null;
        }

        var cost = (double)(kpis.DiscountCost + kpis.ContactCost) / kpis.Treatment.Users;
        return new Estimate((revenue.Value * marginRate) - cost, (revenue.Low * marginRate) - cost, (revenue.High * marginRate) - cost);
    }
}
