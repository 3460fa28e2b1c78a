using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;

namespace Platform.Domain.Measurement;

/// <summary>Where the effect a time to an answer is computed for came from.</summary>
public enum EffectSource
{
    /// <summary>The merchant gave it.</summary>
    Given,

    /// <summary>The campaign's launch forecast (its incremental conversions or GMV per treated user).</summary>
    Forecast,
}

/// <summary>
/// How long until a live campaign's lift is known (docs/measurement.md#time-to-an-answer): the smallest lift detectable now;
/// for <see cref="Effect"/>, the users (both sides) at which it becomes detectable, the enrollment rate so far, and the days
/// from now until that many users are enrolled and the last of them has had a full attribution window.
/// </summary>
public sealed record TimeToAnswer(
    LiftMetric Metric,
    double? MinimumDetectableEffect,
    long Users,
    double? Effect,
    EffectSource? EffectSource,
    long? UsersNeeded,
    double? UsersPerDay,
    double? ExpectedDays,
    bool? BeforeCampaignEnds,
    string? Note)
{
    public static TimeToAnswer Of(Campaign campaign, LiftMeasurement lift, long users, double? givenEffect, CampaignForecast? forecast, DateTimeOffset now)
    {
        var (effect, source) = givenEffect is { } given ? (given, Measurement.EffectSource.Given)
            : ForecastEffect(lift.Metric, forecast) is { } forecastEffect ? (forecastEffect, Measurement.EffectSource.Forecast)
            : ((double?)null, (EffectSource?)null);
        var empty = new TimeToAnswer(lift.Metric, lift.MinimumDetectableEffect, users, effect, source, null, null, null, null, null);
        if (lift.SpreadPerUser is not { } spread)
        {
            return empty with { Note = lift.Note ?? "Not measurable yet." };
        }

        if (effect is null)
        {
            return empty with { Note = "Give an effect: the campaign has no launch forecast of this outcome." };
        }

        if (Detection.UsersNeeded(spread, effect.Value) is not { } needed)
        {
            return empty with
            {
                Note = effect == 0 ? "An effect of zero is never detected."
                    : !(spread > 0) ? "The outcome does not vary: no effect can be told apart."
                    : $"More than {Detection.MaxUsers:N0} users would be needed.",
            };
        }

        if (campaign.Status == CampaignStatus.Ended)
        {
            return empty with { UsersNeeded = needed, Note = $"Ended: no more users join. It has {users:N0} of the {needed:N0} needed." };
        }

        var launched = campaign.LaunchedAt ?? campaign.Design.StartsAt;
        var elapsedDays = (now - launched).TotalDays;
        if (!(elapsedDays > 0) || users == 0)
        {
            return empty with { UsersNeeded = needed, Note = "No enrollment rate yet." };
        }

        var rate = users / elapsedDays;
        var enrolledByDays = needed / rate; // after launch
        return empty with
        {
            UsersNeeded = needed,
            UsersPerDay = rate,
            ExpectedDays = Math.Max(0, enrolledByDays + campaign.Design.AttributionWindowDays - elapsedDays),
            BeforeCampaignEnds = launched.AddDays(enrolledByDays) <= campaign.Design.EndsAt,
        };
    }

    /// <summary>The launch forecast's lift per treated user: incremental conversions for the conversion rate, incremental GMV for revenue.</summary>
    public static double? ForecastEffect(LiftMetric metric, CampaignForecast? forecast) => forecast is { TreatedUsers: > 0 } f
        ? metric switch
        {
            LiftMetric.ConversionRate => f.IncrementalConversions.Value / f.TreatedUsers,
            LiftMetric.RevenuePerUser => f.IncrementalGmv.Value / f.TreatedUsers,
            _ => null,
        }
        : null;
}

/// <summary>
/// Before launch: with a share <see cref="HoldoutShare"/> held out, the users (both sides) needed to detect the forecast's
/// conversion-rate lift with the always-valid interval, and the days until then at the rate the audience would be enrolled
/// evenly over the campaign (until the budget runs out), plus one attribution window; feasible when the audience the
/// budget pays for holds that many users.
/// </summary>
public sealed record HoldoutPlan(double HoldoutShare, long? UsersNeeded, double? Days, bool Feasible)
{
    public static readonly double[] Shares = [0.05, 0.1, 0.2, 0.3, 0.5];

    public static IReadOnlyList<HoldoutPlan> For(CampaignDesign design, CampaignForecast forecast)
    {
        if (TimeToAnswer.ForecastEffect(LiftMetric.ConversionRate, forecast) is not { } effect)
        {
            return [];
        }

        var treatedRate = forecast.Conversions.Value / forecast.TreatedUsers;
        var enrolled = forecast.AudienceUsers * forecast.BudgetShare;
        var perDay = forecast.AudienceUsers / Math.Max(1e-9, (design.EndsAt - design.StartsAt).TotalDays);
        return Shares.Append(design.HoldoutShare).Where(h => h is > 0 and < 1).Distinct().Order().Select(share =>
        {
            var needed = Detection.UsersNeeded(Detection.ConversionSpread(treatedRate, treatedRate - effect, share), effect);
            return needed is { } n && perDay > 0
                ? new HoldoutPlan(share, n, (n / perDay) + design.AttributionWindowDays, n <= enrolled)
                : new HoldoutPlan(share, needed, null, false);
        }).ToList();
    }
}
