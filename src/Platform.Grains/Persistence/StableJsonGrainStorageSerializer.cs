using System.Text.Json;
using Orleans.Storage;
using Platform.Storage.Database;

namespace Platform.Grains.Persistence;

/// <summary>Grain state as <see cref="GrainStateJson"/>: plain JSON with no .NET type names in it.</summary>
public sealed class StableJsonGrainStorageSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, GrainStateJson.Options));

    public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>(GrainStateJson.Options)!;
}
