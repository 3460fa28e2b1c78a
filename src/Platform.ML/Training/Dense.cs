using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp.Modules;

namespace Platform.ML.Training;

/// <summary>A linear layer: weights [outputs × inputs] row by row, as torch keeps them, and a bias per output.</summary>
internal sealed class Dense(float[] weights, float[] bias)
{
    /// <summary>A torch linear layer's weights and bias (zeros for a layer without one), copied to the host.</summary>
    public static Dense Of(Linear layer) =>
        new(layer.weight!.cpu().contiguous().data<float>().ToArray(), layer.bias?.cpu().contiguous().data<float>().ToArray() ?? new float[layer.weight.shape[0]]);

    // The same weights by input, [inputs × outputs]: a layer with many outputs adds the column of each non-zero input.
    private readonly float[] byInput = Transpose(weights, bias.Length);

    public int Outputs => bias.Length;

    public int Inputs => weights.Length / bias.Length;

    /// <summary>output = weights[:, start, start + input width) · input + bias, then ReLU if asked.</summary>
    public void Apply(ReadOnlySpan<float> input, int start, Span<float> output, bool relu)
    {
        output.Clear();
        Accumulate(input, start, output);
        AddBias(output, relu);
    }

    /// <summary>output += the columns [start, start + input width) of the weights applied to input (no bias).</summary>
    public void Accumulate(ReadOnlySpan<float> input, int start, Span<float> output)
    {
        if (output.Length < Vector<float>.Count)
        {
            // Few outputs (the wide paths, the last layers): a dot product each.
            for (var o = 0; o < output.Length; o++)
            {
                output[o] += Dot(weights.AsSpan((o * Inputs) + start, input.Length), input);
            }

            return;
        }

        // Many outputs: each input's weights added at once, skipping zeros — about half of a ReLU layer's outputs and
        // most one-hot columns of a user vector are 0.
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != 0)
            {
                AddScaled(output, input[i], byInput.AsSpan((start + i) * Outputs, Outputs));
            }
        }
    }

    public void AddBias(Span<float> output, bool relu)
    {
        for (var o = 0; o < output.Length; o++)
        {
            var value = output[o] + bias[o];
            output[o] = relu && value < 0 ? 0 : value;
        }
    }

    private static float[] Transpose(float[] weights, int outputs)
    {
        var inputs = weights.Length / outputs;
        var transposed = new float[weights.Length];
        for (var o = 0; o < outputs; o++)
        {
            for (var i = 0; i < inputs; i++)
            {
                transposed[(i * outputs) + o] = weights[(o * inputs) + i];
            }
        }

        return transposed;
    }

    // output += scale × weights, element by element.
    private static void AddScaled(Span<float> output, float scale, ReadOnlySpan<float> weights)
    {
        var o = 0;
        if (Vector.IsHardwareAccelerated && output.Length >= Vector<float>.Count)
        {
            var outputs = MemoryMarshal.Cast<float, Vector<float>>(output);
            var rows = MemoryMarshal.Cast<float, Vector<float>>(weights);
            for (var v = 0; v < outputs.Length; v++)
            {
                outputs[v] += rows[v] * scale;
            }

            o = outputs.Length * Vector<float>.Count;
        }

        for (; o < output.Length; o++)
        {
            output[o] += weights[o] * scale;
        }
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        var i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            for (var v = 0; v < va.Length; v++)
            {
                acc += va[v] * vb[v];
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
