using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace Platform.ML.Training;

/// <summary>
/// A model version's weights as every model writes them: a JSON header (what the model needs to rebuild its networks),
/// then each network's <see cref="ModuleState"/>, length-prefixed, in order.
/// </summary>
public static class ModelBytes
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static byte[] Write<THeader>(THeader header, IEnumerable<nn.Module> networks)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(JsonSerializer.Serialize(header, Json));
            foreach (var network in networks)
            {
                var state = ModuleState.Save(network);
                writer.Write(state.Length);
                writer.Write(state);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Reads what <see cref="Write{THeader}"/> wrote: the header first, then the networks' states into networks of the same shape.</summary>
    public sealed class Reader(byte[] bytes) : IDisposable
    {
        private readonly BinaryReader reader = new(new MemoryStream(bytes), Encoding.UTF8);

        public THeader Header<THeader>() =>
            JsonSerializer.Deserialize<THeader>(reader.ReadString(), Json) ?? throw new InvalidDataException("The model has no header.");

        /// <summary>Loads the next state into <paramref name="network"/>; a name or shape that does not match is an error.</summary>
        public void LoadNext(nn.Module network) => ModuleState.Load(network, reader.ReadBytes(reader.ReadInt32()));

        public void Dispose() => reader.Dispose();
    }
}
