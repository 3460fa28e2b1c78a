namespace Platform.Worker.Offline;

/// <summary>This process's resident set size from /proc, sampled in the background to catch its peak.</summary>
public sealed class ResidentMemory : IDisposable
{
    private readonly Timer timer;
    private long peak;

    public ResidentMemory()
    {
        peak = Now();
        timer = new Timer(_ => Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), Now())), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    public long PeakBytes => Math.Max(Interlocked.Read(ref peak), Now());

    /// <summary>VmRSS of /proc/self/status, in bytes.</summary>
    public static long Now()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public void Dispose() => timer.Dispose();
}
