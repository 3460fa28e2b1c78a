using TorchSharp;
using static TorchSharp.torch;

namespace Platform.ML.Training;

/// <summary>
/// A module's parameters as bytes and back: name, shape and float32 values per entry of the state dictionary. Our own
/// small format, so a version's weights are plain data in the registry (checksummed there) and load into a module of
/// the same shape on any device.
/// </summary>
public static class ModuleState
{
    public static byte[] Save(nn.Module module)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            var state = module.state_dict();
            writer.Write(state.Count);
            foreach (var (name, tensor) in state.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                using var values = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
                writer.Write(name);
                writer.Write(values.shape.Length);
                foreach (var size in values.shape)
                {
                    writer.Write(size);
                }

                foreach (var value in values.data<float>())
                {
                    writer.Write(value);
                }
            }
        }

        return stream.ToArray();
    }

    /// <summary>Copies saved values into a module of the same structure; a name or shape that does not match is an error.</summary>
    public static void Load(nn.Module module, ReadOnlySpan<byte> bytes)
    {
        using var stream = new MemoryStream(bytes.ToArray());
        using var reader = new BinaryReader(stream);
        var state = module.state_dict();
        var count = reader.ReadInt32();
        if (count != state.Count)
        {
            throw new InvalidDataException($"The weights hold {count} tensors; the model has {state.Count}.");
        }

        using var noGrad = no_grad();
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var shape = new long[reader.ReadInt32()];
            for (var d = 0; d < shape.Length; d++)
            {
                shape[d] = reader.ReadInt64();
            }

            if (!state.TryGetValue(name, out var target) || !target.shape.SequenceEqual(shape))
            {
                throw new InvalidDataException($"The weights' tensor '{name}' [{string.Join(", ", shape)}] does not fit the model.");
            }

            var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
            for (var v = 0; v < values.Length; v++)
            {
                values[v] = reader.ReadSingle();
            }

            using var source = tensor(values, shape);
            target.copy_(source);
        }
    }
}
