using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace Platform.Grains.Persistence;

/// <summary>
/// Grain state as plain JSON with no .NET type names in it, so renaming or moving a state class never
/// breaks stored state. Unknown properties are ignored and missing ones take their defaults, so adding
/// a property is a compatible change.
/// </summary>
public sealed class StableJsonGrainStorageSerializer : IGrainStorageSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },
    };

    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>(Options)!;
}
