using System.Runtime.InteropServices;
using TorchSharp;

namespace Platform.ML;

/// <summary>Process-wide TorchSharp set-up: call <see cref="Initialize"/> once at start-up, before any training.</summary>
public static class TorchRuntime
{
    // glibc's mallopt parameters.
    private const int MallocTopPad = -2;
    private const int MallocMmapThreshold = -3;

    /// <summary>
    /// Allocations at least this large get their own mmap (M_MMAP_THRESHOLD; glibc's ceiling for it). Below it, tensors
    /// come from the heap of the allocating thread's arena and go back to it. At 64 KiB, as before 2026-12-05, every
    /// tensor of a forward pass was a fresh mmap, faulted in page by page and unmapped when freed: a forecast over 100,060
    /// users took 5.1 s instead of 2.2 s, training a quarter of the rows a second (docs/benchmarks.md, the allocator).
    /// </summary>
    public const int MmapThresholdBytes = 32 * 1024 * 1024;

    /// <summary>
    /// Free memory glibc keeps at the top of a heap when it trims (M_TOP_PAD): a pass's tensors are freed and allocated
    /// again at once, and without it each trim would hand them back to the kernel in between. Every thread that runs
    /// torch keeps up to this much in its arena (glibc has up to 8 arenas a core), so it is sized to one pass of
    /// <see cref="ChunkRows"/>, not more. RSS stays flat across training epochs (the reason the threshold was once lowered
    /// to 64 KiB: glibc's default moves it).
    /// </summary>
    public const int HeapTopPadBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Rows per forward pass when a model scores many: a layer 256 wide over them is 2 MB, so a pass's tensors fit in
    /// <see cref="HeapTopPadBytes"/> and are reused from the arena (16,384 rows kept ~50 MB in each thread's arena).
    /// </summary>
    public const int ChunkRows = 2_048;

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

    // Fixed values: glibc's own moving threshold grew RSS by ~1 MB per optimizer step.
    private static void TuneAllocator()
    {
        if (!OperatingSystem.IsLinux())
            return;

        try
        {
            _ = MallOpt(MallocMmapThreshold, MmapThresholdBytes);
            _ = MallOpt(MallocTopPad, HeapTopPadBytes);
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
