namespace Platform.Grains.Profiles;

/// <summary>
/// Bounds how many profile snapshots a node writes at once, so a wave of deactivations or busy users
/// cannot take every database connection (the event log and reads need them too).
/// </summary>
public sealed class StateWriteLimiter
{
    public const int MaxConcurrentWrites = 8;

    private readonly SemaphoreSlim slots = new(MaxConcurrentWrites);

    public async Task RunAsync(Func<Task> write)
    {
        await slots.WaitAsync();
        try
        {
            await write();
        }
        finally
        {
            slots.Release();
        }
    }
}
