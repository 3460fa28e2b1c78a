namespace Platform.IntegrationTests.Support;

/// <summary>For state that settles asynchronously (projections, KPIs, reminders): read until it holds, then assert it.</summary>
public static class Eventually
{
    public static async Task<T> ReadUntilAsync<T>(Func<Task<T>> read, Func<T, bool> holds, TimeSpan? within = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await read();
            if (holds(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail(because ?? $"still not so after the deadline: {value}");
            }

            await Task.Delay(200);
        }
    }
}
