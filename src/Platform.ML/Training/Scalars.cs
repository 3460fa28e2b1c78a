using TorchSharp;
using static TorchSharp.torch;

namespace Platform.ML.Training;

/// <summary>
/// Scalars that live as long as the process, and tensor sums that pass one as their alpha. A number given where TorchSharp
/// takes a <see cref="Scalar"/> (<c>x.clamp_min(1)</c>, <c>x * 0.5</c>, and <c>a + b</c> of tensors, whose alpha of 1 is
/// made implicitly) becomes a temporary that a collection on another thread can finalize while libtorch still reads it:
/// "Unknown scalar type", or a wrong value read silently (<see cref="AdamOptimizer"/> tells how it was found). Training
/// and serving code passes these, or a <c>using</c> local for a computed value, instead.
/// </summary>
public static class Scalars
{
    public static readonly Scalar Half = 0.5.ToScalar();
    public static readonly Scalar One = 1.0.ToScalar();
    public static readonly Scalar Two = 2.0.ToScalar();
    public static readonly Scalar NegativeInfinity = double.NegativeInfinity.ToScalar();

    /// <summary><c>parts[0] + parts[1] + …</c> without an implicit Scalar.</summary>
    public static Tensor Sum(params ReadOnlySpan<Tensor> parts)
    {
        var sum = parts[0];
        foreach (var part in parts[1..])
        {
            sum = sum.add(part, One);
        }

        return sum;
    }

    /// <summary><c>arange(count)</c> as Int64 without an implicit Scalar.</summary>
    public static Tensor Range(long count, Device device)
    {
        using var start = 0L.ToScalar();
        using var stop = count.ToScalar();
        using var step = 1L.ToScalar();
        return arange(start, stop, step, ScalarType.Int64, device);
    }
}
