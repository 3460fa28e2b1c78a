using System.Runtime.InteropServices;
using TorchSharp;

namespace Platform.ML;

/// <summary>Process-wide TorchSharp set-up: call <see cref="Initialize"/> once at start-up, before any training.</summary>
public static class TorchRuntime
{
    // glibc's mallopt parameter M_MMAP_THRESHOLD.
    private const int MallocMmapThreshold = -3;
    private static readonly Lock Gate = new();
    private static bool allocatorTuned;

    /// <summary>The libtorch version this TorchSharp build binds to, e.g. "2.10.0.0".</summary>
    public static string TorchVersion => torch.__version__;

    /// <summary>
    /// Tunes the allocator (once per process) and sets the intra-op thread count, which is process-wide in
    /// libtorch. Safe to call more than once; the last thread count wins.
    /// </summary>
    public static void Initialize(int? threads = null)
    {
        if (threads is < 1)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "At least one thread is needed.");

        lock (Gate)
        {
            if (!allocatorTuned)
            {
                TuneAllocator();
                allocatorTuned = true;
            }

            torch.set_num_threads(threads ?? Environment.ProcessorCount);
        }
    }

    /// <summary>CUDA when this process sees a GPU and a CUDA build of libtorch, otherwise the CPU.</summary>
    public static torch.Device SelectDevice() => torch.cuda.is_available() ? torch.CUDA : torch.CPU;

    // Without this, glibc keeps freed tensor buffers in its heap and RSS grows ~1 MB per optimizer step.
    private static void TuneAllocator()
    {
        if (!OperatingSystem.IsLinux())
            return;

        try
        {
            _ = MallOpt(MallocMmapThreshold, 64 * 1024);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (e.g. musl): there is no mallopt to tune.
        }
    }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallOpt(int parameter, int value);
}
