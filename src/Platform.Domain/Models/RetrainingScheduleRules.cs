using Cronos;
using Platform.Domain.Errors;

namespace Platform.Domain.Models;

/// <summary>
/// What a retraining schedule must satisfy before it is stored: a standard five-field cron expression (minute hour
/// day-of-month month day-of-week) that fires at most once an hour, and a time zone the server knows by its IANA id
/// (e.g. Europe/Paris, UTC).
/// </summary>
public static class RetrainingScheduleRules
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromHours(1);

    public const double MaxPsiThreshold = 10;

    public static IReadOnlyList<Violation> Check(string cron, string timeZone, double? retrainAbovePsi = null)
    {
        var violations = new List<Violation>();
        if (!CronExpression.TryParse(cron, CronFormat.Standard, out var expression))
        {
            violations.Add(new Violation("cron", "format", $"cron must be a five-field cron expression (minute hour day-of-month month day-of-week, e.g. '0 3 * * *'), not '{Shorten(cron)}'."));
        }
        else if (ShortestGap(expression) < MinimumInterval)
        {
            violations.Add(new Violation("cron", "too_frequent", $"cron must fire at most once an hour: '{cron}' fires more often."));
        }
        else if (expression.GetNextOccurrence(DateTime.UtcNow) is null)
        {
            violations.Add(new Violation("cron", "never_fires", $"cron '{cron}' never fires."));
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            violations.Add(new Violation("timeZone", "unknown_value", $"timeZone must be an IANA time zone id such as 'UTC' or 'Europe/Paris', not '{Shorten(timeZone)}'."));
        }

        if (retrainAbovePsi is { } psi && !(psi > 0 && psi <= MaxPsiThreshold))
        {
            violations.Add(new Violation("retrainWhenDriftAbove", "out_of_range", $"retrainWhenDriftAbove must be above 0 and at most {MaxPsiThreshold} (0.25 is a large shift)."));
        }

        return violations;
    }

    // The closest two of the next few dozen occurrences (UTC): enough to catch an every-N-minutes expression.
    private static TimeSpan ShortestGap(CronExpression expression)
    {
        var occurrences = expression.GetOccurrences(DateTime.UtcNow, DateTime.UtcNow.AddDays(8)).Take(48).ToList();
        return occurrences.Count < 2 ? TimeSpan.MaxValue : occurrences.Zip(occurrences.Skip(1), (a, b) => b - a).Min();
    }

    private static string Shorten(string text) => FreeText.Shorten(text, 64);
}
