using Platform.Domain.Events;

namespace Platform.Domain.Profiles;

/// <summary>How many events of one type a user had on one UTC day (and their amount, for purchases). A struct: a profile holds up to 91 days of them inline in one list.</summary>
public readonly record struct DailyCount(int Day, EventType Type, int Count, decimal Amount)
{
    public static int DayOf(DateTimeOffset at) => (int)(at.ToUniversalTime().Ticks / TimeSpan.TicksPerDay);
}
