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
    /// Allocations at least this large get their own mmap (M_MMAP_THRESHOLD, the top of glibc's own moving threshold);
    /// below it, tensors come from the allocating thread's arena and go back to it. At 64 KiB, as before 2026-12-05,
    /// every tensor of a forward pass was a fresh mmap faulted in page by page (docs/decisions/006-torchsharp-on-debian.md).
    /// </summary>
    public const int MmapThresholdBytes = 32 * 1024 * 1024;

    /// <summary>
    /// Free memory glibc keeps at the top of a heap when it trims (M_TOP_PAD), so a pass's tensors are reused instead of
    /// handed back to the kernel between passes. Each thread that runs torch keeps up to this much in its arena.
    /// </summary>
    public const int HeapTopPadBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Rows per forward pass when a model scores many, one ensemble member at a time: a layer 256 wide over them is
    /// 2 MB, so one member's pass fits in <see cref="HeapTopPadBytes"/>.
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
            if (MallOpt(MallocMmapThreshold, MmapThresholdBytes) == 0 || MallOpt(MallocTopPad, HeapTopPadBytes) == 0)
            {
                Console.Error.WriteLine("glibc refused the allocator settings (mallopt); large tensors may be slow to allocate.");
            }
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
