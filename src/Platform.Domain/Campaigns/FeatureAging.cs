namespace Platform.Domain.Campaigns;

/// <summary>
/// How features computed at one moment read at a later one for a user with no event in between: days since the last
/// purchase and days known move on; a window with no event left in it empties (the 30-day counters 30 days on, the
/// 90-day figures 90 days on). Within a window what left it cannot be told; it stays. One feature at a time, so that an
/// audience read can age each value as it decodes it.
/// </summary>
public readonly record struct FeatureAging(TimeSpan Elapsed, int CalendarDays)
{
    public static FeatureAging Between(DateTimeOffset asOf, DateTimeOffset now) =>
        new(now - asOf, DateOnly.FromDateTime(now.UtcDateTime).DayNumber - DateOnly.FromDateTime(asOf.UtcDateTime).DayNumber);

    public double Apply(string name, double value)
    {
        if (Elapsed <= TimeSpan.Zero)
        {
            return value;
        }

        return name switch
        {
            "recency_days" when value >= 0 => value + CalendarDays,
            "days_known" => value + Elapsed.TotalDays,
            "views_30" or "clicks_30" or "carts_30" or "purchases_30" when Elapsed.TotalDays >= 30 => 0,
            "frequency_90" or "monetary_90" when Elapsed.TotalDays >= 90 => 0,
            _ => value,
        };
    }
}
