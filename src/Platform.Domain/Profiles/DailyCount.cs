using Platform.Domain.Events;

namespace Platform.Domain.Profiles;

/// <summary>How many events of one type a user had on one UTC day (and their amount, for purchases).</summary>
public sealed record DailyCount(int Day, EventType Type, int Count, decimal Amount)
{
    public static int DayOf(DateTimeOffset at) => (int)(at.ToUniversalTime().Ticks / TimeSpan.TicksPerDay);
}
